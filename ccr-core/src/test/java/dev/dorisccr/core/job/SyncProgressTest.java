package dev.dorisccr.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.json.SyncProgressJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncProgressTest {
    private static final long NOW = 1_700_000_000L;

    private static SyncProgress incremental(long seq) {
        return SyncProgress.initial("j", SyncType.TABLE_SYNC, NOW, 1)
                .next(seq, SyncState.TABLE_INCREMENTAL_SYNC, SubSyncState.DONE, "", NOW + 1);
    }

    @Test
    void newJobStartsWithAFullSync() {
        SyncProgress p = SyncProgress.initial("j", SyncType.DB_SYNC, NOW, 1);

        assertThat(p.syncState()).isEqualTo(SyncState.DB_FULL_SYNC);
        assertThat(p.subSyncState()).isEqualTo(SubSyncState.BEGIN_CREATE_SNAPSHOT);
        assertThat(p.isDone()).isFalse();
        assertThat(p.createdAt()).isEqualTo(NOW);
    }

    @Test
    void enteringIncrementalDoneAppliesTheSeqAndStampsTheStart() {
        SyncProgress p = incremental(100);

        assertThat(p.prevCommitSeq()).isEqualTo(100);
        assertThat(p.commitSeq()).isEqualTo(100);
        assertThat(p.isDone()).isTrue();
        assertThat(p.incrementalSyncStartAt()).isEqualTo(NOW + 1);
    }

    @Test
    void handleThenDoneAdvances() {
        SyncProgress p = incremental(100).startHandle(105);
        assertThat(p.isDone()).isFalse();

        SyncProgress done = p.nextSub(SubSyncState.INGEST_BINLOG, "{\"txn_id\":7}", NOW + 5).done();

        assertThat(done.prevCommitSeq()).isEqualTo(105);
        assertThat(done.isDone()).isTrue();
        assertThat(done.data()).isEmpty();
        assertThat(done.ingestBinlogAt()).isEqualTo(NOW + 5);
    }

    @Test
    void rollbackWithoutSkipRefetchesTheBinlog() {
        SyncProgress p = incremental(100).startHandle(105).rollback(false);

        assertThat(p.commitSeq()).isEqualTo(100);
        assertThat(p.prevCommitSeq()).isEqualTo(100);
        assertThat(p.isDone()).isTrue();
    }

    @Test
    void rollbackWithSkipAdvancesPastTheBinlog() {
        SyncProgress p = incremental(100).startHandle(105).rollback(true);

        assertThat(p.prevCommitSeq()).isEqualTo(105);
        assertThat(p.isDone()).as("the Go syncer stayed not-done here and never advanced").isTrue();
    }

    @Test
    void enteringFullSyncResetsStamps() {
        SyncProgress p = incremental(100).nextSub(SubSyncState.INGEST_BINLOG, "", NOW + 2)
                .next(100, SyncState.TABLE_FULL_SYNC, SubSyncState.BEGIN_CREATE_SNAPSHOT, "", NOW + 9);

        assertThat(p.fullSyncStartAt()).isEqualTo(NOW + 9);
        assertThat(p.incrementalSyncStartAt()).isZero();
        assertThat(p.ingestBinlogAt()).isZero();
    }

    @Test
    void jsonRoundTripKeepsEverything() {
        SyncProgress p = incremental(100).toBuilder()
                .tableMapping(Map.of(10L, 20L, 11L, 21L))
                .tableCommitSeqMap(Map.of(10L, 90L))
                .partialSyncData(Optional.of(new PartialSyncData(10, "t\u00e9", List.of(1L, 2L), List.of("p1", "p2"))))
                .tableAliases(Map.of("t", "__ccr_t_1"))
                .shadowIndexMap(Map.of(5L, 4L))
                .tableNameMapping(Map.of(10L, "orders"))
                .jobSyncId(3)
                .data("{\"x\":1}")
                .build();

        String json = SyncProgressJson.write(p);

        assertThat(SyncProgressJson.read(json)).isEqualTo(p);
        assertThat(json).contains("\"table_mapping\":{\"10\":20,\"11\":21}")
                .contains("\"sub_sync_state\":{\"state\":-1,\"binlog_type\":-1}")
                .contains("\"sync_state\":501");
    }

    @Test
    void readsAGoSyncerProgress() {
        String go = """
                {"job_name":"ccr_db","sync_state":1,"sub_sync_state":{"state":-1,"binlog_type":-1},
                 "prev_commit_seq":120,"commit_seq":120,"table_mapping":{"1001":2001},
                 "table_commit_seq_map":{"1001":118},"data":"","created_at":1700000000}
                """;

        SyncProgress p = SyncProgressJson.read(go);

        assertThat(p.syncState()).isEqualTo(SyncState.DB_TABLES_INCREMENTAL_SYNC);
        assertThat(p.tableCommitSeqMap()).containsEntry(1001L, 118L);
        assertThat(p.isDone()).isTrue();
        assertThat(p.subSyncState().goName()).isEqualTo("Done");
    }

    @Test
    void corruptProgressIsReportedByKey() {
        String[] bad = {
            "{\"job_name\":\"j\",\"sync_state\":7,\"sub_sync_state\":{\"state\":-1,\"binlog_type\":-1}}",
            "{\"job_name\":\"j\",\"sync_state\":0}",
            "{\"job_name\":\"j\",\"sync_state\":0,\"sub_sync_state\":{\"state\":-1,\"binlog_type\":-1},"
                    + "\"table_mapping\":{\"x\":1}}",
            "{\"job_name\":\"j\",\"sync_state\":0,\"sub_sync_state\":{\"state\":-1,\"binlog_type\":-1},"
                    + "\"commit_seq\":\"12\"}",
            "{\"sync_state\":0,\"sub_sync_state\":{\"state\":-1,\"binlog_type\":-1}}",
            "not json",
        };
        for (String json : bad) {
            assertThatThrownBy(() -> SyncProgressJson.read(json))
                    .as(json)
                    .isInstanceOf(CcrException.class)
                    .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.CORRUPT_METADATA));
        }
    }

    @Test
    void subStateNamesFollowTheGoSyncer() {
        assertThat(SubSyncState.INGEST_BINLOG.goName()).isEqualTo("IngestBinlog");
        assertThat(SubSyncState.BEGIN_CREATE_SNAPSHOT.goName()).isEqualTo("BeginCreateSnapshot");
        assertThat(new SubSyncState(42, 3).goName()).isEqualTo("Unknown(42,3)");
        assertThat(SyncState.fromCode(502).goName()).isEqualTo("TablePartialSync");
        assertThatThrownBy(() -> SyncState.fromCode(9)).isInstanceOf(CcrException.class);
    }
}
