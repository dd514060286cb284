package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.machine.FailurePolicy;
import dev.dorisccr.testkit.doris.DorisVersion;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.RpcFaults;
import dev.dorisccr.testkit.doris.SimTxn;
import dev.dorisccr.thrift.gen.TStatusCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Doris 2.1 wire forms, binlog expiry, RPC faults, publish delays, syncer crashes and desync. */
class FaultsE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private void setUp(FakeDorisCluster.Builder src) {
        h = new E2eHarness(dir, src, FakeDorisCluster.builder().name("dst").backends(2));
        h.src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE shop.log (id INT NOT NULL, v VARCHAR(20)) DUPLICATE KEY(id)"
                + " DISTRIBUTED BY HASH(id) BUCKETS 3");
        h.src.sql("INSERT INTO shop.log VALUES (1, 'a'), (2, 'b')");
        h.dst.sql("CREATE DATABASE shop");
    }

    private void assertLogSynced() {
        h.assertSameRows("shop", "log", "shop", "log");
    }

    /** Every upsert the syncer committed on the target, by label: none twice. */
    private void assertNoDuplicateTxns() {
        Set<String> labels = new HashSet<>();
        for (SimTxn t : h.dst.txns()) {
            if (t.state() == SimTxn.State.VISIBLE && t.label().startsWith("ccrj-")) {
                assertThat(labels.add(t.label())).as("label %s committed twice", t.label()).isTrue();
            }
        }
    }

    @Test
    void doris21BarrierWrappedRenamesAndSingleBinlogFetches() {
        setUp(FakeDorisCluster.builder().name("src").version(DorisVersion.V2_1).backends(1));
        h.create(h.createBody("j", "shop", "", "shop", ""));
        h.run(Duration.ofMinutes(2));
        h.src.sql("ALTER TABLE shop.log RENAME COLUMN v val");
        h.src.sql("ALTER TABLE shop.log RENAME journal");
        h.src.sql("INSERT INTO shop.journal VALUES (3, 'c')");
        assertThat(h.src.binlogs("shop").stream().filter(b -> b.type() == 10).count()).isEqualTo(2);
        h.run(Duration.ofMinutes(1));

        assertThat(h.dst.tables("shop")).containsExactly("journal");
        h.assertSameRows("shop", "journal", "shop", "journal");
        assertThat(h.dst.tableDef("shop", "journal").columns().get(1).name()).isEqualTo("val");
    }

    @Test
    void expiredBinlogsLeadToAFullSync() {
        setUp(FakeDorisCluster.builder().name("src").backends(1));
        h.create(h.createBody("j", "shop", "log", "shop", "log"));
        h.run(Duration.ofMinutes(2));
        h.syncer.pause("j");
        h.src.sql("INSERT INTO shop.log VALUES (3, 'c')");
        h.src.sql("INSERT INTO shop.log VALUES (4, 'd')");
        h.src.expireBinlogsNow();
        h.syncer.resume("j");
        h.run(Duration.ofMinutes(3));

        assertThat(h.syncer.status("j").progressState()).isEqualTo(SyncState.TABLE_INCREMENTAL_SYNC);
        assertLogSynced();
        assertThat(h.dst.restoreHistory()).hasSize(2).allMatch(r -> r.contains("FINISHED"));
    }

    @Test
    void rpcFaultsAndPublishDelaysNeitherLoseNorDuplicate() {
        setUp(FakeDorisCluster.builder().name("src").backends(2));
        h.create(h.createBody("j", "shop", "log", "shop", "log"));
        h.run(Duration.ofMinutes(2));
        h.dst.faults().add("commitTxn", 1.0, 1, new RpcFaults.Fault.Drop());
        h.dst.faults().add("beginTxn", 1.0, 1, new RpcFaults.Fault.Status(TStatusCode.INTERNAL_ERROR, "simulated"));
        h.dst.backendFaults().add("ingestBinlog", 0.3, 3, new RpcFaults.Fault.Status(TStatusCode.RUNTIME_ERROR,
                "simulated download failure"));
        h.src.faults().add("getBinlog", 0.2, 5, new RpcFaults.Fault.Drop());
        h.dst.setPublishDelay(Duration.ofSeconds(20));
        h.dst.setAsyncIngest(true);
        for (int i = 10; i < 20; i++) {
            h.src.sql("INSERT INTO shop.log VALUES (" + i + ", 'x" + i + "')");
        }
        h.run(Duration.ofMinutes(10));

        assertLogSynced();
        assertNoDuplicateTxns();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 23, 47})
    void syncerCrashesAtRandomPointsResumeWithoutLossOrDuplicates(long seed) {
        System.out.println("crash test seed " + seed);
        Random r = new Random(seed);
        setUp(FakeDorisCluster.builder().name("src").backends(2));
        h.create(h.createBody("j", "shop", "", "shop", ""));
        int next = 100;
        for (int round = 0; round < 6; round++) {
            for (int k = 0; k < 3; k++) {
                h.src.sql("INSERT INTO shop.log (id, v) VALUES (" + next + ", 'r" + round + "'), (" + (next + 1) + ", 'x')");
                next += 2;
            }
            if (round == 2) {
                h.src.sql("ALTER TABLE shop.log ADD COLUMN extra INT DEFAULT \"1\"");
            }
            h.run(Duration.ofMillis(1 + r.nextInt(3000)));
            h.crashSyncer();
            h.startSyncer("127.0.0.1:" + (9200 + round));
            h.run(Duration.ofSeconds(40));
        }
        h.run(Duration.ofMinutes(3));

        assertThat(h.dst.rows("shop", "log")).as("seed %d", seed)
                .containsExactlyInAnyOrderElementsOf(h.src.rows("shop", "log"));
        assertNoDuplicateTxns();
    }

    @Test
    void frontendRestartsAMasterSwitchAndADownBackendAreRiddenOut() {
        h = new E2eHarness(dir, FakeDorisCluster.builder().name("src").backends(2).follower(true),
                FakeDorisCluster.builder().name("dst").backends(2).follower(true));
        h.src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE shop.log (id INT NOT NULL, v VARCHAR(20)) DUPLICATE KEY(id)"
                + " DISTRIBUTED BY HASH(id) BUCKETS 4");
        h.src.sql("INSERT INTO shop.log VALUES (1, 'a'), (2, 'b')");
        h.dst.sql("CREATE DATABASE shop");
        h.create(h.createBody("j", "shop", "", "shop", ""));
        h.run(Duration.ofMinutes(2));
        assertLogSynced();

        // the source FE is down for a while: nothing moves, nothing is lost
        h.src.stopFrontend();
        h.src.sql("INSERT INTO shop.log VALUES (3, 'while the FE is down')");
        h.run(Duration.ofSeconds(30));
        assertThat(h.dst.rows("shop", "log")).hasSize(2);
        h.src.startFrontend();
        h.run(Duration.ofMinutes(2));
        assertLogSynced();

        // a target BE is down: ingests to its tablets fail and are rolled back until it is back
        long be = h.dst.backendPorts().keySet().iterator().next();
        h.dst.stopBackend(be);
        h.src.sql("INSERT INTO shop.log VALUES (4, 'd'), (5, 'e'), (6, 'f'), (7, 'g')");
        h.run(Duration.ofSeconds(30));
        assertThat(h.dst.rows("shop", "log")).hasSize(3);
        h.dst.startBackend(be);
        h.run(Duration.ofMinutes(3));
        assertLogSynced();

        // masters switch on both sides: the job still names the old masters and is redirected
        h.src.switchMaster();
        h.dst.switchMaster();
        h.src.sql("INSERT INTO shop.log VALUES (8, 'after the switch')");
        h.src.sql("ALTER TABLE shop.log ADD COLUMN extra INT DEFAULT \"1\"");
        h.run(Duration.ofMinutes(2));
        assertLogSynced();
        assertNoDuplicateTxns();
        assertThat(h.syncer.lag("j").lag()).isZero();
    }

    /**
     * A failed ingest rolls its txn back and waits out a back-off before it begins again: all that
     * time the job is BACKING_OFF with the error and the next try, not INCREMENTAL (found by
     * FaultMatrixIT: a job shown running for 13 s with a source BE down).
     */
    @Test
    void aFailingIngestIsShownBackingOffWhileItsRetryWaits() {
        setUp(FakeDorisCluster.builder().name("src").backends(2));
        h.create(h.createBody("j", "shop", "log", "shop", "log"));
        h.run(Duration.ofMinutes(2));
        long be = h.dst.backendPorts().keySet().iterator().next();
        h.dst.stopBackend(be);
        for (int i = 10; i < 16; i++) {
            h.src.sql("INSERT INTO shop.log VALUES (" + i + ", 'x" + i + "')");
        }
        for (int look = 0; look < 5; look++) {
            h.run(Duration.ofSeconds(7));
            ObservedStatus s = h.syncer.status("j").observed();
            assertThat(s.state()).as("look %d: %s", look, s).isEqualTo(ObservedState.BACKING_OFF);
            assertThat(s.error()).as("look %d", look).hasValueSatisfying(e -> assertThat(e.code())
                    .isEqualTo(ErrorCode.DORIS_CONNECTION_FAILED));
            assertThat(s.nextRetryAtMs()).as("look %d", look).isGreaterThanOrEqualTo(h.time.millis());
        }
        h.dst.startBackend(be);
        h.run(Duration.ofMinutes(3));
        assertLogSynced();
        assertThat(h.syncer.status("j").observed().state()).isIn(ObservedState.CAUGHT_UP, ObservedState.INCREMENTAL);
        assertNoDuplicateTxns();
    }

    @Test
    void aRollbackThatNeverGoesThroughStopsTheJobWithAClearErrorAndResumeTriesItAgain() {
        setUp(FakeDorisCluster.builder().name("src").backends(2));
        h.create(h.createBody("j", "shop", "log", "shop", "log"));
        h.run(Duration.ofMinutes(2));
        h.dst.faults().add("commitTxn", 1.0, 1, new RpcFaults.Fault.Status(TStatusCode.TIMEOUT, "slow publish"));
        h.dst.faults().add("rollbackTxn", 1.0, -1, new RpcFaults.Fault.Status(TStatusCode.INTERNAL_ERROR, "denied"));
        h.src.sql("INSERT INTO shop.log VALUES (10, 'x10')");
        h.run(Duration.ofMinutes(10));
        assertThat(h.syncer.status("j").observed().state()).as("backing off while the rollback is retried")
                .isEqualTo(ObservedState.BACKING_OFF);
        h.run(Duration.ofMinutes(30));
        ObservedStatus s = h.syncer.status("j").observed();
        assertThat(s.state()).as("%s", s).isEqualTo(ObservedState.FAILED);
        assertThat(s.error()).hasValueSatisfying(e -> {
            assertThat(e.step()).isEqualTo("RollbackTxn");
            assertThat(e.message()).contains("denied");
            assertThat(e.actions()).as("it waits for the operator now").first().isEqualTo("resume (try again)");
        });
        long rollbacks = h.dst.faults().calls("rollbackTxn");
        assertThat(rollbacks).as("bounded: the machine's %d tries and the one of the halt's release",
                FailurePolicy.ROLLBACK_ATTEMPTS - 1).isEqualTo(FailurePolicy.ROLLBACK_ATTEMPTS);
        h.run(Duration.ofMinutes(10));
        assertThat(h.dst.faults().calls("rollbackTxn")).as("stopped: no more tries").isEqualTo(rollbacks);

        h.dst.faults().clear();
        h.syncer.resume("j");
        h.run(Duration.ofMinutes(3));
        assertLogSynced();
        assertThat(h.syncer.status("j").observed().state()).isIn(ObservedState.CAUGHT_UP, ObservedState.INCREMENTAL);
        assertNoDuplicateTxns();
    }

    @Test
    void desyncClearsIsBeingSynced() {
        setUp(FakeDorisCluster.builder().name("src").backends(1));
        h.create(h.createBody("j", "shop", "", "shop", ""));
        h.run(Duration.ofMinutes(2));
        assertThat(h.dst.tableProperties("shop", "log")).containsEntry("is_being_synced", "true");

        assertThat(h.syncer.desync("j").desynced()).containsExactly("log");
        assertThat(h.dst.tableProperties("shop", "log")).containsEntry("is_being_synced", "false");
        assertThat(List.of(h.dst.tableProperties("shop", "log").keySet())).isNotEmpty();
        h.skipConvergenceCheck(); // a desynced target is no longer marked synced, on purpose
    }
}
