package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HA under repeated faults: three syncer processes ({@link HaSyncerProcess}: the real lease
 * manager, a fenced progress write every 100 ms per held job) share one MariaDB / PostgreSQL
 * store with 6 jobs and a 1.5 s lease. Each seeded round picks the owner of a random job and
 * either SIGKILLs it (restarted after the takeover, same address) or freezes it with SIGSTOP past
 * its lease and wakes it with SIGCONT. Figures: takeover times, the double-ownership windows
 * (from the new owner's first write to the old owner's last attempt under its old token) and the
 * writes in them: every write begun after the new owner's first write committed must be refused
 * (one in flight across the takeover, committed before it but logged late by a frozen process, is
 * counted apart); lost progress (the stored value of each job must
 * come from its newest owner and be no older than that owner's last accepted write).
 *
 * <p>Seed {@code -Dccr.chaos.seed} (default: the time, printed), rounds {@code
 * -Dccr.chaos.ha.rounds} (default 8). Runs in {@code -Pchaos-ha} (tag {@code chaos-ha}), not yet
 * in {@code .ci/run}: it finds a defect not fixed yet (docs/compatibility.md, "Metadata stores and
 * HA": a syncer frozen inside a store transaction stalls the others). Lines start {@code
 * CHAOS-FIGURES ha}.
 */
@Tag("chaos-ha")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class AbstractHaChaosIT {
    private static final long TTL_MS = 1500;
    private static final int JOBS = 6;
    private static final List<String> SYNCERS = List.of("10.0.1.1:9190", "10.0.1.2:9190", "10.0.1.3:9190");
    @TempDir Path dir;
    private HaProcesses syncers;

    abstract HaProcesses.Server server();

    @AfterEach
    void cleanUp() throws Exception {
        if (syncers != null) {
            syncers.close();
        }
    }

    @Test
    void killsAndFreezesOfOwnersMoveTheirJobsAndNoStaleOwnerWrites() throws Exception {
        long seed = Long.getLong("ccr.chaos.seed", System.currentTimeMillis());
        int rounds = Integer.getInteger("ccr.chaos.ha.rounds", 8);
        String storeName = server().kind.name().toLowerCase(java.util.Locale.ROOT);
        System.out.println("CHAOS ha store=" + storeName + " seed=" + seed + " rounds=" + rounds
                + " (rerun with -Dccr.chaos.seed=" + seed + ")");
        Random r = new Random(seed);
        syncers = new HaProcesses(dir, server(), TTL_MS,
                List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of());
        List<Long> takeoverMs = new ArrayList<>();
        int kills = 0;
        int freezes = 0;
        Map<String, ProgressRecord> finalProgress = new TreeMap<>();
        try (MetadataStore store = syncers.openStore()) {
            for (int i = 0; i < JOBS; i++) {
                store.jobs().create("job" + i, "{}", DesiredState.RUNNING, Map.of());
            }
            for (String s : SYNCERS) {
                syncers.start(s);
            }
            for (int round = 0; round < rounds; round++) {
                // every job owned and every syncer holding some (a restarted one has rejoined)
                await().atMost(Duration.ofSeconds(30)).until(() -> HaProcesses.owners(store).size() == JOBS
                        && new java.util.HashSet<>(HaProcesses.owners(store).values()).size() == SYNCERS.size());
                Map<String, String> before = HaProcesses.owners(store);
                String victim = before.get("job" + r.nextInt(JOBS));
                Set<String> victimJobs = before.entrySet().stream().filter(e -> e.getValue().equals(victim))
                        .map(Map.Entry::getKey).collect(Collectors.toSet());
                boolean kill = r.nextBoolean();
                Process p = syncers.process(victim);
                long t0 = System.nanoTime();
                if (kill) {
                    syncers.kill(victim);
                    kills++;
                } else {
                    syncers.signal(victim, "STOP");
                    freezes++;
                }
                try {
                    await().atMost(Duration.ofMillis(2 * TTL_MS + TTL_MS / 3 + 3000)).pollInterval(Duration.ofMillis(20))
                            .until(() -> {
                                Map<String, String> o = HaProcesses.owners(store);
                                return victimJobs.stream().allMatch(j -> o.containsKey(j) && !o.get(j).equals(victim));
                            });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("seed " + seed + " round " + round + ": the jobs " + victimJobs + " of "
                            + (kill ? "killed " : "frozen ") + victim + " did not move; owners before " + before
                            + ", now " + HaProcesses.owners(store) + ", leases " + store.leases().leases(), e);
                }
                takeoverMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                if (kill) {
                    syncers.start(victim);
                } else {
                    // frozen a little longer, then woken: it must find its leases gone and write nothing
                    p.waitFor(r.nextInt(1000), TimeUnit.MILLISECONDS);
                    syncers.signal(victim, "CONT");
                    p.waitFor(2 * TTL_MS, TimeUnit.MILLISECONDS);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> HaProcesses.owners(store).size() == JOBS);
            syncers.stopAll();
            for (int i = 0; i < JOBS; i++) {
                store.progress().get("job" + i).ifPresent(rec -> finalProgress.put(rec.jobName(), rec));
            }
        }
        Figures f = analyse(finalProgress);
        takeoverMs.sort(Long::compare);
        System.out.println("CHAOS-FIGURES ha store=" + storeName + " seed=" + seed + " rounds=" + rounds + " kills="
                + kills + " freezes=" + freezes + " lease_ms=" + TTL_MS + " takeover_ms min=" + takeoverMs.get(0)
                + " median=" + takeoverMs.get(takeoverMs.size() / 2) + " max=" + takeoverMs.get(takeoverMs.size() - 1));
        System.out.println("CHAOS-FIGURES ha store=" + storeName + " writes_ok=" + f.ok + " writes_refused="
                + f.refused + " double_ownership_windows=" + f.windows + " max_window_ms=" + f.maxWindowMs
                + " stale_writes_refused=" + f.staleRefused + " stale_writes_accepted=" + f.staleAccepted
                + " in_flight_at_takeover=" + f.staleInFlight
                + " same_token_two_writers=" + f.sharedTokens + " lost_progress=" + f.lostProgress);
        assertThat(f.staleAccepted).as("seed %d: a stale owner's write was accepted", seed).isZero();
        assertThat(f.sharedTokens).as("seed %d: two syncers wrote under one token", seed).isZero();
        assertThat(f.lostProgress).as("seed %d: a job's stored progress is not its last accepted write", seed)
                .isZero();
        assertThat(takeoverMs).as("seed %d: takeover within two lease periods plus a tick (+ slack)", seed)
                .allMatch(ms -> ms <= 2 * TTL_MS + TTL_MS / 3 + 3000);
        assertThat(f.ok).isPositive();
    }

    /** What the write logs of all processes show. */
    static final class Figures {
        long ok;
        long refused;
        long windows;
        long maxWindowMs;
        long staleRefused;
        long staleAccepted;
        long staleInFlight;
        long sharedTokens;
        long lostProgress;
    }

    private Figures analyse(Map<String, ProgressRecord> finalProgress) throws IOException {
        Figures fig = new Figures();
        Map<String, Map<Long, String>> writerOfToken = new HashMap<>();
        Map<String, Long> maxOkToken = new HashMap<>();
        Map<String, Long> firstOkOfMax = new HashMap<>();
        Map<String, HaProcesses.Write> lastOk = new HashMap<>();
        Map<String, Long> windowEnd = new HashMap<>();
        for (HaProcesses.Write w : syncers.allWrites()) {
            long max = maxOkToken.getOrDefault(w.job(), Long.MIN_VALUE);
            if (w.token() < max) {
                // an older owner still trying after a newer one wrote: inside a double-ownership window
                String key = w.job() + "/" + w.token() + "/" + max;
                if (!windowEnd.containsKey(key)) {
                    fig.windows++;
                }
                windowEnd.put(key, w.at());
                fig.maxWindowMs = Math.max(fig.maxWindowMs, w.at() - firstOkOfMax.get(w.job()));
                if (!w.ok()) {
                    fig.staleRefused++;
                } else if (w.startedAt() > firstOkOfMax.get(w.job())) {
                    // begun after the newer owner's write had committed: the fence had to refuse it
                    fig.staleAccepted++;
                } else {
                    // in flight across the takeover (its transaction ordered before the new lease); logged
                    // late because the process was frozen between the commit and the log line
                    fig.staleInFlight++;
                }
            }
            if (!w.ok()) {
                fig.refused++;
                continue;
            }
            fig.ok++;
            String other = writerOfToken.computeIfAbsent(w.job(), k -> new HashMap<>()).putIfAbsent(w.token(),
                    w.syncer());
            if (other != null && !other.equals(w.syncer())) {
                fig.sharedTokens++;
            }
            if (w.token() > max) {
                maxOkToken.put(w.job(), w.token());
                firstOkOfMax.put(w.job(), w.at());
            }
            lastOk.put(w.job(), w);
        }
        for (int i = 0; i < JOBS; i++) {
            // the stored value must come from the newest owner and be no older than its last logged write
            // (a write of a process stopped at the end may be stored but not logged)
            HaProcesses.Write last = lastOk.get("job" + i);
            ProgressRecord stored = finalProgress.get("job" + i);
            long storedN = stored == null ? -1 : Long.parseLong(stored.progress().replaceAll("\\D", ""));
            if (last == null || stored == null || stored.fencingToken() != last.token() || storedN < last.n()) {
                fig.lostProgress++;
            }
        }
        return fig;
    }
}
