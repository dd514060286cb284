package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.testkit.doris.RpcFaults;
import dev.dorisccr.thrift.gen.TStatusCode;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios written outside the project that found silent data loss or divergence (issue 11),
 * each ending with the target compared to the source.
 */
class CorrectnessE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    /** The harness every test runs on; {@link PipelinedCorrectnessE2ETest} runs them pipelined. */
    E2eHarness harness(Path home) {
        return new E2eHarness(home);
    }

    @BeforeEach
    void start() {
        h = harness(dir);
        h.src.sql("CREATE DATABASE d1 PROPERTIES (\"binlog.enable\" = \"true\")");
        h.dst.sql("CREATE DATABASE d1");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void rowsLoadedAfterRecoverPartitionReachTheTarget() {
        h.src.sql("CREATE TABLE d1.t (test INT NOT NULL, id INT NOT NULL) UNIQUE KEY(test, id)"
                + " PARTITION BY RANGE(id) (PARTITION part_1 VALUES LESS THAN (\"10\"),"
                + " PARTITION part_2 VALUES LESS THAN (\"100\")) DISTRIBUTED BY HASH(id) BUCKETS 1");
        h.src.sql("INSERT INTO d1.t VALUES (1, 0), (1, 1), (1, 30)");
        h.create(h.createBody("t_job", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        h.assertSameTable("d1", "t", "d1", "t");

        h.src.sql("ALTER TABLE d1.t DROP PARTITION part_1");
        h.src.sql("ALTER TABLE d1.t DROP PARTITION part_2");
        h.run(Duration.ofMinutes(1));
        assertThat(h.dst.rows("d1", "t")).isEmpty();

        h.src.sql("RECOVER PARTITION part_1 FROM d1.t");
        h.src.sql("RECOVER PARTITION part_2 FROM d1.t");
        h.run(Duration.ofMinutes(3));
        h.assertSameTable("d1", "t", "d1", "t");

        h.src.sql("INSERT INTO d1.t VALUES (5, 0), (5, 1), (5, 30)");
        h.run(Duration.ofMinutes(1));
        assertThat(h.src.rows("d1", "t")).hasSize(6);
        h.assertSameTable("d1", "t", "d1", "t");
        assertThat(h.syncer.progress("t_job").tableMapping())
                .containsEntry(h.src.tableId("d1", "t"), h.dst.tableId("d1", "t"));
    }

    @Test
    void aJobOnASourceWithoutBinlogIsRefusedAndNothingIsStored() {
        h.src.sql("CREATE DATABASE nolog");
        h.src.sql("CREATE TABLE nolog.t (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        h.dst.sql("CREATE DATABASE nolog");
        assertThatThrownBy(() -> h.create(h.createBody("t_job", "nolog", "t", "nolog", "t")))
                .isInstanceOfSatisfying(CcrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("source table nolog.t does not have binlog enabled")
                .hasMessageContaining("ALTER TABLE nolog.t SET (\"binlog.enable\" = \"true\")");
        assertThatThrownBy(() -> h.create(h.createBody("db_job", "nolog", "", "nolog", "")))
                .isInstanceOf(CcrException.class).hasMessageContaining("source database nolog does not have binlog enabled")
                .hasMessageContaining("ALTER DATABASE nolog SET PROPERTIES");
        assertThat(h.syncer.list()).isEmpty();
        assertThat(h.dst.restores()).isEmpty();

        // table binlog on, the database still off: a table job is fine, a database job is not
        h.src.sql("ALTER TABLE nolog.t SET (\"binlog.enable\" = \"true\")");
        assertThatThrownBy(() -> h.create(h.createBody("db_job", "nolog", "", "nolog", "")))
                .hasMessageContaining("does not have binlog enabled");
        h.src.sql("INSERT INTO nolog.t VALUES (1)");
        h.create(h.createBody("t_job", "nolog", "t", "nolog", "t"));
        h.run(Duration.ofMinutes(2));
        h.assertSameTable("nolog", "t", "nolog", "t");
    }

    @Test
    void binlogTurnedOffUnderARunningJobIsAnErrorAndTheTableIsCopiedWhenItIsBack() {
        h.src.sql("CREATE TABLE d1.t (id INT NOT NULL, v INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("INSERT INTO d1.t VALUES (1, 1), (2, 2)");
        h.create(h.createBody("t_job", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        h.src.sql("INSERT INTO d1.t VALUES (3, 3)");
        h.run(Duration.ofMinutes(1));
        h.assertSameTable("d1", "t", "d1", "t");

        h.src.sql("ALTER TABLE d1.t SET (\"binlog.enable\" = \"false\")");
        h.src.sql("INSERT INTO d1.t VALUES (4, 4)"); // recorded nowhere
        h.run(Duration.ofMinutes(2));
        assertThat(h.syncer.status("t_job").lastError()).hasValueSatisfying(e -> assertThat(e)
                .contains("BINLOG_DISABLED", "source table d1.t does not have binlog enabled"));

        h.src.sql("ALTER TABLE d1.t SET (\"binlog.enable\" = \"true\")");
        h.src.sql("INSERT INTO d1.t VALUES (5, 5)");
        h.run(Duration.ofMinutes(5));
        h.assertSameTable("d1", "t", "d1", "t");
        assertThat(h.syncer.status("t_job").lastError()).isEmpty();
    }

    @Test
    void binlogOffAndOnBetweenTwoChecksIsCaughtByTheBinlogThatTurnsItOn() {
        h.src.sql("CREATE TABLE d1.t (id INT NOT NULL, v INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.create(h.createBody("t_job", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        int restores = h.dst.restores().size();
        h.src.sql("ALTER TABLE d1.t SET (\"binlog.enable\" = \"false\")");
        h.src.sql("INSERT INTO d1.t VALUES (1, 1)"); // recorded nowhere
        h.src.sql("ALTER TABLE d1.t SET (\"binlog.enable\" = \"true\")");
        h.src.sql("INSERT INTO d1.t VALUES (2, 2)");
        h.run(Duration.ofMinutes(3));
        h.assertSameTable("d1", "t", "d1", "t");
        assertThat(h.dst.restores()).hasSize(restores + 1);
    }

    @Test
    void aDbJobDeletedAndCreatedAgainTakesItsOwnSnapshotAndReplaysTheViewDrop() {
        h.src.sql("CREATE TABLE d1.t (id INT NOT NULL, v INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("CREATE VIEW d1.view_test AS SELECT id FROM d1.t");
        h.src.sql("INSERT INTO d1.t VALUES (1, 1)");
        h.create(h.createBody("j", "d1", "", "d1", ""));
        h.run(Duration.ofMinutes(2));
        h.assertJobsConverged();
        var first = h.dst.restores();
        assertThat(first).hasSize(1);

        h.syncer.delete("j");
        h.src.sql("INSERT INTO d1.t VALUES (2, 2)");
        h.create(h.createBody("j", "d1", "", "d1", ""));
        h.run(Duration.ofMinutes(2));
        var all = h.dst.restores();
        assertThat(all).hasSize(2);
        assertThat(all.get(1).label()).isNotEqualTo(first.get(0).label());
        h.assertJobsConverged();

        h.src.sql("DROP VIEW d1.view_test");
        h.src.sql("INSERT INTO d1.t VALUES (3, 3)");
        h.run(Duration.ofMinutes(1));
        assertThat(h.syncer.status("j").lastError()).isEmpty();
        assertThat(h.dst.tables("d1")).containsExactly("t");

        // once more with the target tables dropped first
        h.syncer.delete("j");
        h.dst.sql("DROP TABLE d1.t FORCE");
        h.src.sql("INSERT INTO d1.t VALUES (4, 4)");
        h.create(h.createBody("j", "d1", "", "d1", ""));
        h.run(Duration.ofMinutes(2));
        assertThat(h.dst.restores()).hasSize(3).extracting(r -> r.label()).doesNotHaveDuplicates();
        h.assertJobsConverged();
    }

    @Test
    void aTableJobDeletedAndCreatedAgainCopiesAgainWhetherTheTargetTableIsKeptOrDropped() {
        h.src.sql("CREATE TABLE d1.t (id INT NOT NULL, v INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("INSERT INTO d1.t VALUES (1, 1)");
        String body = h.createBody("j", "d1", "t", "d1", "t");
        h.create(body);
        h.run(Duration.ofMinutes(2));
        h.assertSameTable("d1", "t", "d1", "t");

        // kept: the operator allows the existing table, the job copies over it
        h.syncer.delete("j");
        h.src.sql("INSERT INTO d1.t VALUES (2, 2)");
        h.create(body.substring(0, body.length() - 1) + ", \"allow_table_exists\": true}");
        h.run(Duration.ofMinutes(2));
        assertThat(h.dst.restores()).hasSize(2).extracting(r -> r.label()).doesNotHaveDuplicates();
        h.assertSameTable("d1", "t", "d1", "t");

        // dropped: a fresh copy
        h.syncer.delete("j");
        h.dst.sql("DROP TABLE d1.t FORCE");
        h.src.sql("INSERT INTO d1.t VALUES (3, 3)");
        h.create(body);
        h.run(Duration.ofMinutes(2));
        assertThat(h.dst.restores()).hasSize(3).extracting(r -> r.label()).doesNotHaveDuplicates();
        h.assertSameTable("d1", "t", "d1", "t");
        h.src.sql("INSERT INTO d1.t VALUES (4, 4)");
        h.run(Duration.ofMinutes(1));
        h.assertSameTable("d1", "t", "d1", "t");
    }

    private void pausedDbJob() {
        h.src.sql("CREATE TABLE d1.a (id INT NOT NULL, v INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("INSERT INTO d1.a VALUES (1, 1)");
        h.create(h.createBody("j", "d1", "", "d1", ""));
        h.run(Duration.ofMinutes(2));
        h.assertJobsConverged();
        h.syncer.pause("j");
    }

    @Test
    void aTableCreatedLoadedRenamedAndLoadedWhileTheJobWasPausedNeedsNoCopy() {
        pausedDbJob();
        h.src.sql("CREATE TABLE d1.b (id INT NOT NULL, v INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("INSERT INTO d1.b VALUES (1, 10), (2, 20)");
        h.src.sql("ALTER TABLE d1.b RENAME c");
        h.src.sql("INSERT INTO d1.c VALUES (3, 30)");
        h.syncer.resume("j");
        h.run(Duration.ofMinutes(2));
        assertThat(h.syncer.status("j").lastError()).isEmpty();
        assertThat(h.dst.restores()).as("no copy after resume").hasSize(1);
        h.assertJobsConverged();
    }

    @Test
    void loadsBeforeATruncateWhileTheJobWasPausedNeedNoCopy() {
        pausedDbJob();
        h.src.sql("INSERT INTO d1.a VALUES (2, 2)");
        h.src.sql("TRUNCATE TABLE d1.a");
        h.src.sql("INSERT INTO d1.a VALUES (3, 3)");
        h.syncer.resume("j");
        h.run(Duration.ofMinutes(2));
        assertThat(h.syncer.status("j").lastError()).isEmpty();
        assertThat(h.dst.restores()).as("no copy after resume").hasSize(1);
        h.assertJobsConverged();
        assertThat(h.dst.rows("d1", "a")).containsExactly(java.util.List.of("3", "3"));
    }

    @Test
    void lagCountsWhatACopyStillHasToBringAndCaughtUpWaitsForIt() {
        h.src.sql("CREATE TABLE d1.t (id INT NOT NULL, v INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.create(h.createBody("j", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        assertThat(h.syncer.status("j").caughtUp()).isTrue();
        assertThat(h.syncer.lag("j").lag()).isZero();

        h.syncer.pause("j");
        for (int i = 0; i < 22; i++) {
            h.src.sql("INSERT INTO d1.t VALUES (" + i + ", " + i + ")");
        }
        h.run(Duration.ofMinutes(10));
        h.src.expireBinlogsNow();
        assertThat(h.syncer.status("j").caughtUp()).as("paused").isFalse();
        h.syncer.resume("j");
        h.run(Duration.ofMillis(500)); // the copy has started, not finished
        assertThat(h.syncer.status("j").progressState().isFullSync()).isTrue();
        assertThat(h.syncer.lag("j").lag()).isPositive();
        assertThat(h.syncer.lag("j").lagSeconds()).as("the rows have waited ten minutes").isGreaterThanOrEqualTo(600);
        assertThat(h.syncer.status("j").caughtUp()).isFalse();

        h.run(Duration.ofMinutes(3));
        h.assertSameTable("d1", "t", "d1", "t");
        assertThat(h.syncer.lag("j").lag()).isZero();
        assertThat(h.syncer.status("j").caughtUp()).isTrue();
    }

    @Test
    void aBinlogInFlightIsLagNotCaughtUp() {
        h.src.sql("CREATE TABLE d1.t (id INT NOT NULL, v INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.create(h.createBody("j", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        h.dst.faults().add("commitTxn", 1.0, 1000, new RpcFaults.Fault.Status(TStatusCode.TIMEOUT, "simulated"));
        h.src.sql("INSERT INTO d1.t VALUES (1, 1)");
        h.run(Duration.ofMinutes(1));
        var p = h.syncer.progress("j");
        assertThat(h.syncer.lag("j").lag()).as("binlog %d is not committed on the target", p.commitSeq()).isEqualTo(1);
        assertThat(h.syncer.status("j").caughtUp()).isFalse();

        h.dst.faults().clear();
        h.run(Duration.ofMinutes(3));
        h.assertSameTable("d1", "t", "d1", "t");
        assertThat(h.syncer.lag("j").lag()).isZero();
        assertThat(h.syncer.status("j").caughtUp()).isTrue();
    }
}
