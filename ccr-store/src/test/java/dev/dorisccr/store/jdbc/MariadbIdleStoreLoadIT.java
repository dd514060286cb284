package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.ha.JobLeaseManager;
import dev.dorisccr.core.ha.SyncerMembership;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.SyncerInfo;
import dev.dorisccr.testkit.store.RecordingLocalJobs;
import dev.dorisccr.testkit.time.ManualClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's store figure: statements per second that a real MariaDB receives from three syncers'
 * lease rounds over {@code ccr.ha.idle.jobs} idle jobs (default 1,000), counted by the server
 * ({@code SHOW GLOBAL STATUS}: {@code Questions}, and {@code Com_update + Com_insert + Com_delete}
 * for writes), once with {@link LeaseStore#renewAll} and once with one renewal per lease (the store
 * before issue 18). The rounds run on a manual clock (one round = every syncer ticks once, then the
 * clock moves one tick interval, 5 s), so the figure is per simulated second and the test takes
 * seconds. Idle jobs write no progress (the runner stores nothing while it finds no binlog, {@code
 * SyncerTest} checks it), so lease rounds are the whole idle load. Runs in {@code -Pchaos-ha}; the
 * figure goes to a {@code HA-FIGURES store-idle} line.
 */
@Tag("chaos-ha")
class MariadbIdleStoreLoadIT {
    private static final HaSettings HA = HaSettings.defaults();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final TestBackend backend = TestBackend.mysql();
    private final List<MetadataStore> stores = new ArrayList<>();

    @AfterEach
    void drop() throws Exception {
        for (MetadataStore s : stores) {
            s.close();
        }
        backend.drop();
    }

    /** Per second: {statements, writes}. */
    private double[] perSecond(boolean batched, int jobs, int rounds) throws Exception {
        List<JobLeaseManager> managers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            MetadataStore s = Stores.open(backend.config().build(), Map.of(), clock); // a pool per syncer
            stores.add(s);
            LeaseStore leases = batched ? s.leases() : new OneByOne(s.leases());
            String self = "10.0.0." + i + ":9190";
            managers.add(new JobLeaseManager(s.jobs(), leases, new SyncerMembership(leases, self, clock, HA),
                    new RecordingLocalJobs(), clock, HA));
        }
        for (int i = 0; i < 12; i++) { // warm-up: every job leased, balanced
            round(managers);
        }
        assertThat(managers.stream().mapToInt(m -> m.held().size()).sum()).isEqualTo(jobs);
        long[] before = counters();
        for (int i = 0; i < rounds; i++) {
            round(managers);
        }
        long[] after = counters();
        double seconds = HA.tickInterval().multipliedBy(rounds).toMillis() / 1000.0;
        // minus the one SHOW STATUS of the first reading, counted in the second
        return new double[] {(after[0] - before[0] - 1) / seconds, (after[1] - before[1]) / seconds};
    }

    private void round(List<JobLeaseManager> managers) {
        for (JobLeaseManager m : managers) {
            m.tick();
        }
        clock.advance(HA.tickInterval());
    }

    private long[] counters() throws Exception {
        Map<String, Long> v = new TreeMap<>();
        try (Connection c = backend.raw(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_update',"
                        + " 'Com_insert', 'Com_delete')")) {
            while (rs.next()) {
                v.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getLong(2));
            }
        }
        return new long[] {v.get("questions"), v.get("com_update") + v.get("com_insert") + v.get("com_delete")};
    }

    @Test
    void idleJobsLoadTheStoreWithAFewStatementsPerSecond() throws Exception {
        int jobs = Integer.getInteger("ccr.ha.idle.jobs", 1000);
        int rounds = 12; // one simulated minute
        try (MetadataStore s = Stores.open(backend.config().build(), Map.of(), clock)) {
            for (int i = 0; i < jobs; i++) {
                s.jobs().create(String.format("job%04d", i), "{}", DesiredState.RUNNING, Map.of());
            }
        }
        double[] batched = perSecond(true, jobs, rounds);
        for (MetadataStore s : stores) {
            s.close();
        }
        stores.clear();
        try (MetadataStore s = Stores.open(backend.config().build(), Map.of(), clock)) {
            s.leases().removeSyncersSilentSince(clock.instant().plusSeconds(1)); // the next three start afresh
            for (JobLease l : s.leases().leases()) {
                s.leases().release(l, clock.instant());
            }
        }
        clock.advance(HA.leaseTtl().multipliedBy(2));
        double[] oneByOne = perSecond(false, jobs, rounds);
        System.out.printf(java.util.Locale.ROOT, "HA-FIGURES store-idle mariadb jobs=%d syncers=3 tick_s=%d"
                + " statements_per_s=%.1f writes_per_s=%.1f per_lease_renew_statements_per_s=%.1f"
                + " per_lease_renew_writes_per_s=%.1f%n", jobs, HA.tickInterval().toSeconds(), batched[0], batched[1],
                oneByOne[0], oneByOne[1]);
        // 3 syncers x (heartbeat, forget-silent, syncers, desired states, leases, renewals in chunks of 100) per tick
        assertThat(batched[1]).as("writes/s").isLessThan(oneByOne[1] / 10);
        assertThat(batched[0]).as("statements/s").isLessThan(oneByOne[0] / 5);
    }

    /** The store as before issue 18: {@link LeaseStore#renewAll} falls back to one renewal per lease. */
    private record OneByOne(LeaseStore d) implements LeaseStore {
        @Override
        public void heartbeat(String address, Instant now) {
            d.heartbeat(address, now);
        }

        @Override
        public List<SyncerInfo> syncers() {
            return d.syncers();
        }

        @Override
        public int removeSyncersSilentSince(Instant before) {
            return d.removeSyncersSilentSince(before);
        }

        @Override
        public Optional<JobLease> tryAcquire(String jobName, String owner, Instant now, Duration ttl) {
            return d.tryAcquire(jobName, owner, now, ttl);
        }

        @Override
        public JobLease renew(JobLease lease, Instant now, Duration ttl) {
            return d.renew(lease, now, ttl);
        }

        @Override
        public boolean release(JobLease lease, Instant now) {
            return d.release(lease, now);
        }

        @Override
        public List<JobLease> leases() {
            return d.leases();
        }
    }
}
