package dev.dorisccr.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.spi.BeClient;
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.core.sync.SourceBinlogProbe;
import dev.dorisccr.core.syncer.BinlogProbeSettings;
import dev.dorisccr.core.service.BinlogWatcher;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The shared source probe on virtual time over a scripted {@code SHOW PROC '/binlog'} answer
 * (columns as Doris's BinlogManager.getBinlogInfo has them): whom it wakes, that no change of any
 * column goes unseen, and its fallback.
 */
class SourceBinlogProbeTest {
    private final ManualScheduler time = new ManualScheduler();
    private final ClusterSpec source = ClusterSpec.of("127.0.0.1", 9030, 9020, "root", "");
    private final ClusterSpec target = ClusterSpec.of("127.0.0.2", 9030, 9020, "root", "");
    /** Row key ("db:d1", "table:d2.t") -> the row. */
    private final Map<String, Map<String, String>> rows = new TreeMap<>();
    private RuntimeException failure;
    private int reads;
    private final SourceBinlogProbe probe = new SourceBinlogProbe(new Connector(), time, time,
            BinlogProbeSettings.DEFAULTS);

    /** One job's view of the probe. */
    private final class Job implements BinlogWatcher.Callbacks {
        final List<Long> wakes = new ArrayList<>();
        final List<long[]> quiet = new ArrayList<>();
        boolean alive = true;
        final BinlogWatcher.Subscription sub;

        Job(String db, String table) {
            sub = probe.watch(new JobSpec("j-" + db + "-" + table, new JobEndpoint(source, db, table),
                    new JobEndpoint(target, db, table), JobOptions.DEFAULTS), this);
        }

        @Override
        public boolean alive() {
            return alive;
        }

        @Override
        public void wake(long seenAtMs) {
            wakes.add(seenAtMs);
        }

        @Override
        public void stillCaughtUp(long sinceMs, long asOfMs) {
            quiet.add(new long[] {sinceMs, asOfMs});
        }
    }

    private void row(String type, String name, long length, long size, Long first, Long last) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("Name", name);
        r.put("Type", type);
        r.put("Id", Integer.toString(Math.abs(name.hashCode())));
        r.put("Dropped", "false");
        r.put("BinlogLength", Long.toString(length));
        r.put("BinlogSize", Long.toString(size));
        r.put("FirstBinlogCommittedTime", first == null ? null : first.toString());
        r.put("LastBinlogCommittedTime", last == null ? null : last.toString());
        r.put("BinlogTtlSeconds", "86400");
        rows.put(type + ":" + name, r);
    }

    private void tick() {
        time.runFor(BinlogProbeSettings.DEFAULTS.interval());
    }

    @Test
    void aChangedRowWakesExactlyTheJobsReadingItsDatabaseOrTable() {
        row("db", "d1", 3, 300, 1000L, 2000L);
        row("table", "d2.t", 2, 200, 1000L, 1500L);
        row("table", "d2.u", 2, 200, 1000L, 1500L);
        row("db", "d3", 5, 500, 1000L, 1500L);
        Job dbJob = new Job("d1", "");
        Job tableJob = new Job("d2", "t");
        Job otherTable = new Job("d2", "u");
        Job tableInDbWithBinlog = new Job("d3", "x");
        Job db2Job = new Job("d2", "");
        time.runFor(Duration.ZERO);
        List<Job> all = List.of(dbJob, tableJob, otherTable, tableInDbWithBinlog, db2Job);
        assertThat(all).allSatisfy(j -> assertThat(j.wakes).as("the first read wakes everyone").hasSize(1));
        assertThat(all).allSatisfy(j -> assertThat(j.sub.served()).isTrue());

        tick();
        assertThat(all).allSatisfy(j -> assertThat(j.wakes).as("nothing moved").hasSize(1));
        assertThat(dbJob.quiet).hasSize(1);
        assertThat(dbJob.quiet.get(0)[0]).as("quiet since the read that woke it").isEqualTo(dbJob.wakes.get(0));

        row("table", "d2.t", 3, 290, 1000L, 2500L);
        tick();
        assertThat(tableJob.wakes).hasSize(2);
        assertThat(db2Job.wakes).as("a db job reads every table row of its db").hasSize(2);
        assertThat(otherTable.wakes).hasSize(1);
        assertThat(dbJob.wakes).hasSize(1);
        assertThat(tableInDbWithBinlog.wakes).hasSize(1);

        row("db", "d3", 6, 600, 1000L, 2600L);
        tick();
        assertThat(tableInDbWithBinlog.wakes).as("a table job in a db with binlog on reads the db row").hasSize(2);
        assertThat(tableJob.wakes).hasSize(2);
        assertThat(reads).isEqualTo(4);
    }

    @Test
    void everyColumnCountsSoGcSameMillisecondAndVanishingRowsAreSeen() {
        row("db", "d1", 3, 300, 1000L, 2000L);
        Job job = new Job("d1", "");
        time.runFor(Duration.ZERO);
        assertThat(job.wakes).hasSize(1);

        row("db", "d1", 3, 300, 1100L, 2000L); // GC dropped one, one more came in the same ms as the last
        tick();
        assertThat(job.wakes).as("GC with as many new binlogs: the first time moved").hasSize(2);

        row("db", "d1", 4, 390, 1100L, 2000L); // a commit in the same millisecond as the last one
        tick();
        assertThat(job.wakes).as("same-ms commit: the length moved").hasSize(3);

        row("db", "d1", 4, 395, 1100L, 2000L); // GC of one and a bigger one in the same ms
        tick();
        assertThat(job.wakes).as("only the size moved").hasSize(4);

        rows.clear(); // binlog turned off or the db dropped: the row is gone
        tick();
        assertThat(job.wakes).hasSize(5);

        row("table", "d1.t", 2, 100, null, null); // a table stream appears
        tick();
        assertThat(job.wakes).hasSize(6);
        tick();
        assertThat(job.wakes).hasSize(6);
    }

    @Test
    void withoutAdminTheJobsPollOnTheirOwnAndTheProbeTriesAgainLater() {
        row("db", "d1", 3, 300, 1000L, 2000L);
        Job job = new Job("d1", "");
        time.runFor(Duration.ZERO);
        assertThat(job.sub.served()).isTrue();

        failure = new CcrException(ErrorCode.DORIS_SQL_FAILED, "SQL on 127.0.0.1:9030 failed (1227/HY000): errCode = 2,"
                + " detailMessage = Access denied; you need (at least one of) the ADMIN privilege(s) for this operation");
        tick();
        assertThat(job.sub.served()).isFalse();
        assertThat(job.wakes).as("woken once to go back to its own pacing").hasSize(2);
        BinlogWatcher.ProbeState st = probe.states().get(0);
        assertThat(st.served()).isFalse();
        assertThat(st.reason()).contains("ADMIN privilege");
        assertThat(st.failures()).isEqualTo(1);

        int before = reads;
        time.runFor(Duration.ofSeconds(59));
        assertThat(reads).as("retried after retryInterval, not every interval").isEqualTo(before);
        time.runFor(Duration.ofSeconds(1));
        assertThat(reads).isEqualTo(before + 1);
        assertThat(job.wakes).as("still failing: no more wakes").hasSize(2);

        failure = null;
        time.runFor(Duration.ofSeconds(60));
        assertThat(job.sub.served()).isTrue();
        assertThat(job.wakes).as("served again: woken, it may have missed binlogs meanwhile").hasSize(3);
        assertThat(probe.states().get(0).reason()).isEmpty();
    }

    @Test
    void anAnswerWithoutTheColumnsIsAFallbackWithItsReason() {
        Map<String, String> odd = new LinkedHashMap<>();
        odd.put("Name", "d1");
        odd.put("Kind", "db");
        rows.put("x", odd);
        Job job = new Job("d1", "");
        time.runFor(Duration.ZERO);
        assertThat(job.sub.served()).isFalse();
        assertThat(probe.states().get(0).reason()).contains("without the columns");
    }

    @Test
    void jobsGoneStopTheReadsAndANewJobStartsThemAgain() {
        row("db", "d1", 3, 300, 1000L, 2000L);
        Job a = new Job("d1", "");
        Job b = new Job("d1", "t");
        time.runFor(Duration.ofSeconds(5));
        int during = reads;
        assertThat(during).isEqualTo(21); // at 0 and every 250 ms for 5 s (two rows: the interval)
        a.sub.close();
        b.alive = false;
        time.runFor(Duration.ofSeconds(5));
        assertThat(reads).as("the next turn finds nobody watching and stops without a read").isEqualTo(during);
        assertThat(time.pending()).isZero();
        Job c = new Job("d1", "");
        time.runFor(Duration.ZERO);
        assertThat(c.wakes).hasSize(1);
        assertThat(reads).isEqualTo(during + 1);
        probe.close();
        time.runFor(Duration.ofSeconds(5));
        assertThat(reads).as("closed: no more reads").isEqualTo(during + 1);
    }

    @Test
    void aClusterWithManyRowsIsReadLessOftenAndOneWithFewAtTheInterval() {
        for (int i = 0; i < 1000; i++) {
            row("db", "d" + i, 3, 300, 1000L, 2000L);
        }
        Job a = new Job("d1", "");
        time.runFor(Duration.ofSeconds(5));
        assertThat(reads).as("1,000 rows at 2,000 rows/s: at 0 and every 500 ms").isEqualTo(11);
        for (int i = 500; i < 1000; i++) {
            rows.remove("db:d" + i);
        }
        time.runFor(Duration.ofMillis(500)); // the read that sees 500 rows
        int before = reads;
        time.runFor(Duration.ofSeconds(5));
        assertThat(reads - before).as("500 rows: every 250 ms, the interval").isEqualTo(20);
        assertThat(a.wakes).isNotEmpty();
    }

    @Test
    void thePaceIsTheIntervalOrTheRowBudget() {
        BinlogProbeSettings d = BinlogProbeSettings.DEFAULTS;
        assertThat(d.pace(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(d.pace(500)).isEqualTo(Duration.ofMillis(250));
        assertThat(d.pace(501)).isEqualTo(Duration.ofMillis(251));
        assertThat(d.pace(1000)).isEqualTo(Duration.ofMillis(500));
        assertThat(d.withMaxRowsPerSecond(100).pace(1000)).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.withInterval(Duration.ofSeconds(1)).pace(1000)).isEqualTo(Duration.ofSeconds(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withMaxRowsPerSecond(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRowsPerSecond");
    }

    /** Answers the scripted rows; FE and BE clients are not used by the probe. */
    private final class Connector implements ClusterConnector {
        @Override
        public FeClient fe(ClusterSpec cluster) {
            throw new UnsupportedOperationException("the probe uses SQL only");
        }

        @Override
        public BeClient be(ClusterSpec cluster, String host, int bePort) {
            throw new UnsupportedOperationException("the probe uses SQL only");
        }

        @Override
        public SqlClient sql(ClusterSpec cluster) {
            return new SqlClient() {
                @Override
                public void execute(Sql statement) {
                    throw new UnsupportedOperationException(statement.text());
                }

                @Override
                public List<Map<String, String>> query(Sql statement) {
                    assertThat(statement.text()).isEqualTo("SHOW PROC '/binlog'");
                    reads++;
                    if (failure != null) {
                        throw failure;
                    }
                    List<Map<String, String>> out = new ArrayList<>();
                    rows.values().forEach(r -> out.add(new LinkedHashMap<>(r)));
                    return out;
                }

                @Override
                public void close() {}
            };
        }
    }
}
