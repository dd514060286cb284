package dev.dorisccr.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.PartialSyncData;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.json.SyncProgressJson;
import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.machine.JobEvent;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.machine.StepData;
import dev.dorisccr.core.machine.TxnState;
import dev.dorisccr.core.migrate.GoProgressImport.Outcome;
import dev.dorisccr.core.migrate.GoProgressImport.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoProgressImportTest {
    private static final long NOW = 1_800_000_000L;
    private static final JobSpec DB_JOB = JobSpecJson.parseCreateRequest(body("db1", ""));
    private static final JobSpec TABLE_JOB = JobSpecJson.parseCreateRequest(body("t1", "orders"));

    private final List<Long> asked = new ArrayList<>();

    private static String body(String name, String table) {
        String ep = "{\"host\":\"127.0.0.1\",\"port\":\"9030\",\"thrift_port\":\"9020\",\"user\":\"root\","
                + "\"password\":\"pw\",\"database\":\"shop\",\"table\":\"" + table + "\"}";
        return "{\"name\":\"" + name + "\",\"src\":" + ep + ",\"dest\":" + ep + "}";
    }

    /** A Go progress JSON: state, sub pair, prev, commit, data, extra keys. */
    private static String go(String job, int state, int sub, int type, long prev, long seq, String data, String extra) {
        return "{\"job_name\":\"" + job + "\",\"sync_state\":" + state + ",\"sub_sync_state\":{\"state\":" + sub
                + ",\"binlog_type\":" + type + "},\"prev_commit_seq\":" + prev + ",\"commit_seq\":" + seq
                + ",\"table_mapping\":null,\"table_commit_seq_map\":null,\"data\":" + quote(data)
                + ",\"created_at\":1700000000" + extra + "}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String upsertData(long txnId) {
        return "{\"src_commit_seq\":120,\"txn_id\":" + txnId + ",\"dest_table_ids\":[5],\"table_records\":[],"
                + "\"commit_infos\":[{\"tabletId\":1,\"backendId\":2}]}";
    }

    private Plan plan(JobSpec spec, String json, Optional<TxnState> txn) {
        return GoProgressImport.plan(spec, Optional.of(json), -1, id -> {
            asked.add(id);
            return txn;
        }, NOW);
    }

    private Plan plan(JobSpec spec, String json) {
        return plan(spec, json, Optional.empty());
    }

    @Test
    void idleIncrementalContinuesAtTheGoCommitSeq() {
        Plan p = plan(DB_JOB, go("db1", 3, -1, -1, 1200, 1200, "", ""));

        assertThat(p.outcome()).isEqualTo(Outcome.INCREMENTAL);
        assertThat(p.progress().syncState()).isEqualTo(SyncState.DB_INCREMENTAL_SYNC);
        assertThat(p.progress().isDone()).isTrue();
        assertThat(p.progress().prevCommitSeq()).isEqualTo(1200);
        assertThat(p.progress().createdAt()).isEqualTo(1_700_000_000L);
        assertThat(p.goState()).isEqualTo("DBIncrementalSync/Done");
        assertThat(p.action()).isEqualTo("continues incrementally after commit seq 1200");
        assertThat(asked).isEmpty();
    }

    @Test
    void tableJobIdleContinuesAndDropsTheCommitSeqMap() {
        Plan p = plan(TABLE_JOB, go("t1", 501, -1, -1, 77, 77, "", ",\"table_commit_seq_map\":{\"9\":70}"));

        assertThat(p.outcome()).isEqualTo(Outcome.INCREMENTAL);
        assertThat(p.progress().syncState()).isEqualTo(SyncState.TABLE_INCREMENTAL_SYNC);
        assertThat(p.progress().tableCommitSeqMap()).isEmpty();
        assertThat(p.progress().prevCommitSeq()).isEqualTo(77);
    }

    @Test
    void dbTablesIncrementalKeepsOnlyFloorsAheadOfPrev() {
        String extra = ",\"table_commit_seq_map\":{\"10\":1500,\"11\":900,\"20005\":1100},\"table_mapping\":{\"10\":30}";
        Plan p = plan(DB_JOB, go("db1", 1, -1, -1, 1200, 1200, "", extra));

        assertThat(p.progress().syncState()).isEqualTo(SyncState.DB_TABLES_INCREMENTAL_SYNC);
        assertThat(p.progress().tableCommitSeqMap()).containsExactly(Map.entry(10L, 1500L));
        assertThat(p.progress().tableMapping()).containsEntry(10L, 30L);
    }

    @Test
    void dbTablesIncrementalWithNoFloorLeftIsPlainIncremental() {
        Plan p = plan(DB_JOB, go("db1", 1, -1, -1, 1200, 1200, "", ",\"table_commit_seq_map\":{\"10\":1000}"));

        assertThat(p.progress().syncState()).isEqualTo(SyncState.DB_INCREMENTAL_SYNC);
        assertThat(p.progress().tableCommitSeqMap()).isEmpty();
    }

    @Test
    void nonUpsertInFlightIsFetchedAgainFromPrev() {
        Plan p = plan(DB_JOB, go("db1", 3, -1, -1, 1200, 1201, "", ""));

        assertThat(p.outcome()).isEqualTo(Outcome.INCREMENTAL);
        assertThat(p.progress().commitSeq()).isEqualTo(1200);
        assertThat(p.progress().isDone()).isTrue();
        assertThat(p.action()).contains("binlog 1201").contains("applied again");
    }

    @ParameterizedTest
    @CsvSource({"11", "12"})
    void upsertNotYetCommittingWithoutATxnIdIsFetchedAgain(int sub) {
        Plan p = plan(DB_JOB, go("db1", 3, sub, 0, 1200, 1201, "", ""));

        assertThat(p.progress().isDone()).isTrue();
        assertThat(p.progress().prevCommitSeq()).isEqualTo(1200);
        assertThat(asked).isEmpty();
    }

    @Test
    void ingestingUpsertAbortsTheGoTxnThenFetchesAgain() {
        Plan p = plan(DB_JOB, go("db1", 3, 12, 0, 1200, 1201, upsertData(4711), ""));

        assertThat(p.outcome()).isEqualTo(Outcome.INCREMENTAL);
        assertThat(p.progress().subSyncState()).isEqualTo(SubSyncState.ROLLBACK_TRANSACTION);
        assertThat(p.progress().commitSeq()).isEqualTo(1201);
        assertThat(p.progress().prevCommitSeq()).isEqualTo(1200);
        assertThat(asked).as("an ingesting txn is never committed: no need to ask").isEmpty();
        assertThat(p.action()).contains("aborts the Go txn 4711").contains("after commit seq 1200");

        // the machine resumes it: abort the Go txn, then fetch after 1200
        JobMachine m = new JobMachine(DB_JOB, JobMachine.Config.DEFAULTS);
        SyncProgress stored = p.progress().toBuilder().incarnation(7).build();
        JobMachine.Transition t = m.on(JobMachine.State.resume(SyncProgressJson.read(SyncProgressJson.write(stored))),
                new JobEvent.Tick(), NOW);
        assertThat(t.command()).isEqualTo(new JobCommand.RollbackTxn(4711, "the syncer restarted during the ingest"));
        JobMachine.Transition after = m.on(t.state(), new JobEvent.RolledBack(), NOW);
        assertThat(after.command()).isEqualTo(new JobCommand.FetchBinlogs(1200, JobMachine.Config.DEFAULTS.batchSize()));
    }

    @ParameterizedTest
    @CsvSource({"13, VISIBLE", "13, COMMITTED", "14, VISIBLE"})
    void committedGoTxnCountsAsApplied(int sub, TxnState state) {
        Plan p = plan(DB_JOB, go("db1", 3, sub, 0, 1200, 1201, upsertData(4711), ""), Optional.of(state));

        assertThat(asked).containsExactly(4711L);
        assertThat(p.outcome()).isEqualTo(Outcome.INCREMENTAL);
        assertThat(p.progress().isDone()).isTrue();
        assertThat(p.progress().prevCommitSeq()).isEqualTo(1201);
        assertThat(p.action()).startsWith("continues incrementally after commit seq 1201");
    }

    @ParameterizedTest
    @CsvSource({"13", "14"})
    void preparedGoTxnIsAbortedThenFetchedAgain(int sub) {
        Plan p = plan(DB_JOB, go("db1", 3, sub, 0, 1200, 1201, upsertData(4711), ""), Optional.of(TxnState.PREPARE));

        assertThat(p.progress().subSyncState()).isEqualTo(SubSyncState.ROLLBACK_TRANSACTION);
        assertThat(StepData.parse(p.progress().data()).txnId()).isEqualTo(4711);
        assertThat(p.progress().prevCommitSeq()).isEqualTo(1200);
    }

    @Test
    void abortedGoTxnIsFetchedAgain() {
        Plan p = plan(DB_JOB, go("db1", 3, 14, 0, 1200, 1201, upsertData(4711), ""), Optional.of(TxnState.ABORTED));

        assertThat(p.progress().isDone()).isTrue();
        assertThat(p.progress().prevCommitSeq()).isEqualTo(1200);
        assertThat(p.action()).contains("ABORTED");
    }

    @Test
    void goTxnNobodyKnowsAboutMeansAFullSync() {
        Plan unknown = plan(DB_JOB, go("db1", 3, 13, 0, 1200, 1201, upsertData(4711), ""), Optional.empty());
        Plan noId = plan(DB_JOB, go("db1", 3, 13, 0, 1200, 1201, "", ""));

        assertThat(unknown.outcome()).isEqualTo(Outcome.FULL_SYNC);
        assertThat(unknown.action()).contains("no longer knows the Go txn 4711");
        assertThat(noId.outcome()).isEqualTo(Outcome.FULL_SYNC);
        assertThat(noId.action()).contains("holds no txn id");
    }

    @Test
    void unreachableTargetIsAnErrorOfTheJob() {
        assertThatThrownBy(() -> GoProgressImport.plan(DB_JOB, Optional.of(go("db1", 3, 13, 0, 1, 2, upsertData(9), "")),
                -1, id -> {
                    throw new CcrException(ErrorCode.DORIS_CONNECTION_FAILED, "connection refused");
                }, NOW))
                .isInstanceOf(CcrException.class).hasMessageContaining("connection refused");
    }

    @ParameterizedTest
    @CsvSource({"0, -1", "1, -1", "3, -1", "4, -1", "6, -1", "-1, -1"})
    void fullSyncInFlightStartsANewOne(int sub, int type) {
        Plan p = plan(DB_JOB, go("db1", 0, sub, type, 0, 300, "ccrs_shop_1700000000", ""));

        assertThat(p.outcome()).isEqualTo(Outcome.FULL_SYNC);
        assertThat(p.progress().syncState()).isEqualTo(SyncState.DB_FULL_SYNC);
        assertThat(p.progress().subSyncState()).isEqualTo(SubSyncState.BEGIN_CREATE_SNAPSHOT);
        assertThat(p.progress().data()).isEmpty();
        assertThat(p.action()).contains("middle of a full sync (snapshot ccrs_shop_1700000000)");
        assertThat(p.progress().fullSyncReason()).startsWith("migrated from the Go syncer");
    }

    @Test
    void partialSyncInFlightRestartsTheSamePartialSync() {
        String extra = ",\"partial_sync_data\":{\"table\":\"orders\",\"table_id\":10,\"partitions\":[\"p1\",\"p2\"]}"
                + ",\"table_commit_seq_map\":{\"10\":1300,\"11\":1500}";
        Plan p = plan(DB_JOB, go("db1", 4, 3, -1, 1200, 1201, "ccrp_shop_orders_1700000000_r_1700000001", extra));

        assertThat(p.outcome()).isEqualTo(Outcome.PARTIAL_SYNC);
        SyncProgress s = p.progress();
        assertThat(s.syncState()).isEqualTo(SyncState.DB_PARTIAL_SYNC);
        assertThat(s.subSyncState()).isEqualTo(SubSyncState.BEGIN_CREATE_SNAPSHOT);
        assertThat(s.partialSyncData()).contains(new PartialSyncData(10, "orders", List.of(), List.of("p1", "p2")));
        assertThat(s.commitSeq()).isEqualTo(1201);
        assertThat(s.prevCommitSeq()).isEqualTo(1200);
        assertThat(s.tableCommitSeqMap()).as("the abandoned snapshot's floor of the copied table is dropped")
                .containsExactly(Map.entry(11L, 1500L));
        assertThat(s.data()).isEmpty();
        assertThat(p.action()).contains("partitions p1, p2 of table orders");
    }

    @Test
    void replacingPartialSyncGetsANewAlias() {
        String extra = ",\"partial_sync_data\":{\"table\":\"orders\",\"table_id\":10}"
                + ",\"table_aliases\":{\"orders\":\"__ccr_orders_1700000000\"}";
        Plan p = plan(DB_JOB, go("db1", 4, 0, -1, 1200, 1201, "", extra));

        assertThat(p.progress().tableAliases()).containsOnlyKeys("orders");
        assertThat(p.progress().tableAliases().get("orders")).isNotEqualTo("__ccr_orders_1700000000");
    }

    @Test
    void dbPartialSyncWithoutTableIdFallsBackToAFullSync() {
        String extra = ",\"partial_sync_data\":{\"table\":\"orders\",\"partitions\":[\"p1\"]}";
        Plan p = plan(DB_JOB, go("db1", 4, 1, -1, 1200, 1201, "ccrp_x", extra));

        assertThat(p.outcome()).isEqualTo(Outcome.FULL_SYNC);
        assertThat(p.action()).contains("does not give the table's id");
    }

    @Test
    void tablePartialSyncUsesTheJobsSourceTableId() {
        String extra = ",\"partial_sync_data\":{\"table\":\"orders\"}";
        Plan p = GoProgressImport.plan(TABLE_JOB, Optional.of(go("t1", 502, 0, -1, 50, 51, "", extra)), 10,
                id -> Optional.empty(), NOW);

        assertThat(p.outcome()).isEqualTo(Outcome.PARTIAL_SYNC);
        assertThat(p.progress().partialSyncData().orElseThrow().tableId()).isEqualTo(10);
    }

    @Test
    void noProgressMeansAFullSync() {
        Plan p = GoProgressImport.plan(DB_JOB, Optional.empty(), -1, id -> Optional.empty(), NOW);

        assertThat(p.outcome()).isEqualTo(Outcome.FULL_SYNC);
        assertThat(p.goState()).isEqualTo("none");
    }

    @Test
    void badProgressIsCorruptMetadata() {
        assertThat(corrupt(DB_JOB, "{not json")).contains("malformed JSON");
        assertThat(corrupt(DB_JOB, go("db1", 7, -1, -1, 1, 1, "", ""))).contains("unknown sync_state 7");
        assertThat(corrupt(DB_JOB, go("db1", 3, 99, 0, 1, 2, "", ""))).contains("Unknown(99,0)");
        assertThat(corrupt(DB_JOB, go("db1", 0, 42, -1, 1, 2, "", ""))).contains("not a step of DBFullSync");
        assertThat(corrupt(DB_JOB, go("db1", 501, -1, -1, 1, 1, "", ""))).contains("does not belong to a db_sync job");
        assertThat(corrupt(DB_JOB, go("other", 3, -1, -1, 1, 1, "", ""))).contains("job_name is \"other\"");
    }

    private String corrupt(JobSpec spec, String json) {
        try {
            plan(spec, json);
        } catch (CcrException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_METADATA);
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void goTxnIdIsReadFromGoUpsertData() {
        assertThat(GoProgressImport.goTxnId(upsertData(31))).isEqualTo(31);
        assertThat(GoProgressImport.goTxnId("")).isEqualTo(-1);
        assertThat(GoProgressImport.goTxnId("ccrs_x")).isEqualTo(-1);
        assertThat(GoProgressImport.goTxnId("{\"txn_id\":\"x\"}")).isEqualTo(-1);
    }
}
