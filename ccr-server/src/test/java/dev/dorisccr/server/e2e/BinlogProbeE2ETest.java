package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.service.BinlogWatcher;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.RpcFaults;
import dev.dorisccr.testkit.doris.SimBinlog;
import dev.dorisccr.testkit.doris.SimTxn;
import dev.dorisccr.thrift.gen.TStatusCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared source binlog probe through the production wiring ({@code CcrEngine.builder()}
 * defaults: Thrift and MySQL protocol to the simulator, SQLite store) on virtual time: four jobs
 * over three source databases (db binlog on with a db job and two table jobs, table binlog only),
 * idle load, a seeded trickle with a DDL, {@code caught_up} freshness, and the fallback when the
 * source user loses ADMIN. Every scenario ends with each target compared with its source (rows,
 * schema, partitions: {@link E2eHarness#close()}).
 */
class BinlogProbeE2ETest {
    @TempDir Path dir;

    private static final List<String> JOBS = List.of("job_a", "job_b1", "job_b2", "job_c");

    private E2eHarness harness() {
        E2eHarness h = new E2eHarness(dir, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2));
        h.src.sql("CREATE DATABASE a PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE DATABASE b PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE DATABASE c");
        for (String t : List.of("a.t1", "a.t2", "b.t1", "b.t2")) {
            h.src.sql("CREATE TABLE " + t + " (id INT NOT NULL, v BIGINT) UNIQUE KEY(id) PARTITION BY RANGE(id)"
                    + " (PARTITION p1 VALUES LESS THAN (\"1000\"), PARTITION p2 VALUES LESS THAN (\"2000\"))"
                    + " DISTRIBUTED BY HASH(id) BUCKETS 2 PROPERTIES (\"replication_num\" = \"1\")");
            h.src.sql("INSERT INTO " + t + " VALUES (1, 1)");
        }
        h.src.sql("CREATE TABLE c.t (id INT NOT NULL, v BIGINT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2"
                + " PROPERTIES (\"replication_num\" = \"1\", \"binlog.enable\" = \"true\")");
        h.src.sql("INSERT INTO c.t VALUES (1, 1)");
        h.dst.sql("CREATE DATABASE b_copy");
        h.dst.sql("CREATE DATABASE c_copy");
        h.create(h.createBody("job_a", "a", "", "a_copy", ""));
        h.create(h.createBody("job_b1", "b", "t1", "b_copy", "t1"));
        h.create(h.createBody("job_b2", "b", "t2", "b_copy", "t2"));
        h.create(h.createBody("job_c", "c", "t", "c_copy", "t"));
        for (int i = 0; i < 10_000 && !allIncremental(h); i++) {
            h.run(Duration.ofMillis(100));
        }
        assertThat(allIncremental(h)).as("every job copied and incremental: %s", JOBS.stream()
                .map(j -> j + "=" + h.syncer.status(j)).toList()).isTrue();
        h.run(Duration.ofSeconds(30));
        return h;
    }

    private static boolean allIncremental(E2eHarness h) {
        return JOBS.stream().allMatch(j -> {
            SyncState s = h.syncer.status(j).progressState();
            return s == SyncState.TABLE_INCREMENTAL_SYNC || s == SyncState.DB_INCREMENTAL_SYNC
                    || s == SyncState.DB_TABLES_INCREMENTAL_SYNC;
        });
    }

    @Test
    void idleJobsCostOneSafetyFetchPer30sAndATrickleArrivesWithinAProbeInterval() throws Exception {
        try (E2eHarness h = harness()) {
            assertThat(h.syncer.binlogProbes()).singleElement().satisfies(p -> {
                assertThat(p.served()).isTrue();
                assertThat(p.jobs()).isEqualTo(4);
            });
            long fetches = h.src.faults().calls("getBinlog");
            long probes = h.src.binlogProcReads();
            h.run(Duration.ofMinutes(5));
            long idleFetches = h.src.faults().calls("getBinlog") - fetches;
            assertThat(idleFetches).as("4 jobs, one safety fetch per 30 s each (own pacing: 400)")
                    .isBetween(36L, 44L);
            assertThat(h.src.binlogProcReads() - probes).as("one probe read per 250 ms for all of them (few rows)")
                    .isBetween(1198L, 1202L);

            long seed = 20261201L;
            Random random = new Random(seed);
            List<String> tables = List.of("a.t1", "a.t2", "b.t1", "b.t2", "c.t");
            long fromSeq = h.src.binlogs("a").isEmpty() ? 0 : lastSeq(h);
            for (int i = 0; i < 60; i++) {
                h.run(Duration.ofMillis(200 + random.nextInt(4_000)));
                String t = tables.get(random.nextInt(tables.size()));
                int id = 10 + i + (random.nextBoolean() ? 1000 : 0);
                h.src.sql("INSERT INTO " + t + " (id, v) VALUES (" + id + ", " + i + ")");
                if (i == 30) {
                    h.src.sql("ALTER TABLE a.t1 ADD COLUMN extra INT DEFAULT \"7\"");
                }
            }
            h.run(Duration.ofSeconds(5));
            Map<Long, Long> applied = new HashMap<>();
            for (SimTxn t : h.dst.txns()) {
                if (t.label().startsWith("ccrj-") && t.state() == SimTxn.State.VISIBLE) {
                    applied.put(Long.parseLong(t.label().substring(t.label().lastIndexOf(':') + 1)), t.finishMs());
                }
            }
            int checked = 0;
            for (String db : List.of("a", "b")) {
                for (SimBinlog b : h.src.binlogs(db)) {
                    if (b.type() == SimBinlog.UPSERT && b.commitSeq() > fromSeq) {
                        assertThat(applied).as("seed %d: binlog %d applied", seed, b.commitSeq())
                                .containsKey(b.commitSeq());
                        assertThat(applied.get(b.commitSeq()) - b.timestamp()).as("seed %d: lag of binlog %d", seed,
                                b.commitSeq()).isLessThanOrEqualTo(350); // a probe interval (250 ms) + the apply
                        checked++;
                    }
                }
            }
            assertThat(checked).isGreaterThan(30);
        }
    }

    private static long lastSeq(E2eHarness h) {
        long last = 0;
        for (String db : List.of("a", "b")) {
            for (SimBinlog b : h.src.binlogs(db)) {
                last = Math.max(last, b.commitSeq());
            }
        }
        return last;
    }

    @Test
    void caughtUpFollowsTheProbesLatestReadWithoutAskingTheSource() throws Exception {
        try (E2eHarness h = harness()) {
            long lagCalls = h.src.faults().calls("getBinlogLag");
            h.run(Duration.ofSeconds(25)); // longer than the 10 s a runner's own report is trusted
            assertThat(JOBS).allSatisfy(j -> assertThat(h.syncer.status(j).caughtUp()).as(j).isTrue());
            assertThat(h.src.faults().calls("getBinlogLag")).as("answered from the probe, no FE call")
                    .isEqualTo(lagCalls);

            // the job cannot fetch: its last report predates the write, the probe saw the write
            h.src.faults().add("getBinlog", 1.0, -1, new RpcFaults.Fault.Status(TStatusCode.INTERNAL_ERROR, "down"));
            h.src.sql("INSERT INTO c.t VALUES (50, 50)");
            assertThat(h.syncer.status("job_c").caughtUp()).as("before the next probe read: still its last report")
                    .isTrue();
            h.run(Duration.ofMillis(600));
            assertThat(h.syncer.status("job_c").caughtUp()).as("the probe saw a binlog it has not applied").isFalse();
            assertThat(h.syncer.status("job_a").caughtUp()).as("other databases are untouched").isTrue();
            h.src.faults().clear();
            h.run(Duration.ofSeconds(5));
            assertThat(h.syncer.status("job_c").caughtUp()).isTrue();
            assertThat(h.engine.awaitCaughtUp("job_c", Duration.ofSeconds(1))).isFalse(); // virtual time: nobody runs it
        }
    }

    @Test
    void withoutAdminOnTheSourceTheJobsPollOnTheirOwnAndStillReplicate() throws Exception {
        try (E2eHarness h = harness()) {
            h.src.setAdminPrivilege(false);
            h.run(Duration.ofSeconds(1));
            assertThat(h.syncer.binlogProbes()).singleElement().satisfies(p -> {
                assertThat(p.served()).isFalse();
                assertThat(p.reason()).contains("ADMIN privilege");
            });
            assertThat(h.engine.health().reasons()).anySatisfy(r -> assertThat(r).startsWith("binlog probe of")
                    .contains("4 job(s) poll on their own").contains("ADMIN privilege"));
            h.run(Duration.ofSeconds(30)); // the jobs are back on their own 3 s pacing
            long fetches = h.src.faults().calls("getBinlog");
            h.run(Duration.ofMinutes(1));
            assertThat(h.src.faults().calls("getBinlog") - fetches).as("4 jobs, one fetch per 3 s each")
                    .isBetween(76L, 84L);
            h.src.sql("INSERT INTO b.t2 VALUES (77, 77)");
            h.src.sql("INSERT INTO c.t VALUES (77, 77)");
            h.run(Duration.ofSeconds(4));
            h.assertSameRows("b", "t2", "b_copy", "t2");
            h.assertSameRows("c", "t", "c_copy", "t");
            h.src.setAdminPrivilege(true);
            h.run(Duration.ofSeconds(61));
            List<BinlogWatcher.ProbeState> st = h.syncer.binlogProbes();
            assertThat(st.get(0).served()).as("read again after the retry interval").isTrue();
            assertThat(h.engine.health().reasons()).noneMatch(r -> r.startsWith("binlog probe of"));
        }
    }
}
