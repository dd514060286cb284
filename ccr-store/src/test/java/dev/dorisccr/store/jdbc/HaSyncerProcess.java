package dev.dorisccr.store.jdbc;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.ha.JobLeaseManager;
import dev.dorisccr.core.ha.LocalJobs;
import dev.dorisccr.core.ha.StopReason;
import dev.dorisccr.core.ha.SyncerMembership;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.MetadataStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One syncer as a separate OS process for {@link AbstractMultiProcessHaIT}: it runs the real
 * {@link JobLeaseManager} over the shared store and, for every job it holds, writes progress under
 * its fencing token every 100 ms, appending each write and its outcome to a file:
 * {@code <millis> <syncer> <job> <token> <counter> OK|REJECTED <millis when the write started>}
 * (the first time is taken after the write: a process frozen in between logs it late).
 *
 * <p>Args: kind (MYSQL|POSTGRESQL), JDBC url, user, database/schema, syncer address, lease TTL in
 * ms, output file, and optionally the write period in ms (default 100). The password comes from
 * the environment ({@code CCR_HA_PASSWORD}), never argv.
 */
public final class HaSyncerProcess {
    private HaSyncerProcess() {}

    public static void main(String[] args) throws IOException {
        StoreKind kind = StoreKind.valueOf(args[0]);
        HaSettings settings = new HaSettings(Duration.ofMillis(Long.parseLong(args[5])));
        // store transactions may wait (and sit idle) a third of the lease, as serve sets it
        StoreConfig config = StoreConfig.builder(kind).jdbcUrl(args[1]).user(args[2])
                .password(Secret.of(System.getenv().getOrDefault("CCR_HA_PASSWORD", ""))).database(args[3])
                .busyTimeout(settings.leaseTtl().dividedBy(3)).build();
        String self = args[4];
        Path out = Path.of(args[6]);
        long writeEveryMs = args.length > 7 ? Long.parseLong(args[7]) : 100;
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true);
        Clock clock = Clock.systemUTC();
        MetadataStore store = Stores.open(config, Map.of(), clock);
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        Map<String, ScheduledFuture<?>> work = new ConcurrentHashMap<>();
        AtomicLong counter = new AtomicLong();
        LocalJobs local = new LocalJobs() {
            @Override
            public void start(JobLease lease) {
                work.put(lease.jobName(), timers.scheduleWithFixedDelay(() -> {
                    long n = counter.incrementAndGet();
                    long startedAt = clock.millis();
                    String outcome;
                    try {
                        store.progress().put(lease.jobName(), "{\"n\":" + n + "}", lease.token());
                        outcome = "OK";
                    } catch (CcrException e) {
                        outcome = "REJECTED";
                    }
                    synchronized (log) {
                        log.println(clock.millis() + " " + self + " " + lease.jobName() + " " + lease.token() + " " + n
                                + " " + outcome + " " + startedAt);
                    }
                }, 0, writeEveryMs, TimeUnit.MILLISECONDS));
            }

            @Override
            public void stop(String jobName, StopReason reason) {
                ScheduledFuture<?> f = work.remove(jobName);
                if (f != null) {
                    f.cancel(false);
                }
            }
        };
        SyncerMembership membership = new SyncerMembership(store.leases(), self, clock, settings);
        JobLeaseManager manager = new JobLeaseManager(store.jobs(), store.leases(), membership, local, clock, settings);
        timers.scheduleWithFixedDelay(() -> {
            try {
                manager.tick();
            } catch (RuntimeException e) {
                synchronized (log) {
                    log.println("# tick failed: " + e);
                }
            }
        }, 0, settings.tickInterval().toMillis(), TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            manager.releaseAll();
            timers.shutdownNow();
            store.close();
            log.close();
        }));
        synchronized (log) {
            log.println("# started " + self);
        }
    }
}
