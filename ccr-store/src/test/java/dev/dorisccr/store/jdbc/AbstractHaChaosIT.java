package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private TestBackend backend;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final List<Path> logs = new ArrayList<>();

    abstract TestBackend newBackend();

    abstract StoreKind kind();

    abstract String[] urlUserPassword();

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes.values()) {
            signal(p, "CONT");
            p.destroyForcibly();
        }
        for (Process p : processes.values()) {
            p.onExit().get();
        }
        if (backend != null) {
            backend.drop();
        }
    }

    private void start(String self) throws IOException {
        Path out = dir.resolve(self.replace(':', '_') + "-" + logs.size() + ".log");
        logs.add(out);
        String[] up = urlUserPassword();
        String db = backend.config().build().database();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                HaSyncerProcess.class.getName(), kind().name(), up[0], up[1], db, self, Long.toString(TTL_MS),
                out.toString());
        pb.environment().put("CCR_HA_PASSWORD", up[2]);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                dir.resolve(self.replace(':', '_') + ".stdout").toFile()));
        processes.put(self, pb.start());
    }

    private static void signal(Process p, String signal) throws IOException, InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s", signal).isTrue();
    }

    private static Map<String, String> owners(MetadataStore store) {
        Map<String, String> m = new TreeMap<>();
        for (JobLease l : store.leases().leases()) {
            if (!l.isExpiredAt(Clock.systemUTC().instant())) {
                m.put(l.jobName(), l.owner());
            }
        }
        return m;
    }

    @Test
    void killsAndFreezesOfOwnersMoveTheirJobsAndNoStaleOwnerWrites() throws Exception {
        long seed = Long.getLong("ccr.chaos.seed", System.currentTimeMillis());
        int rounds = Integer.getInteger("ccr.chaos.ha.rounds", 8);
        String storeName = kind().name().toLowerCase(java.util.Locale.ROOT);
        System.out.println("CHAOS ha store=" + storeName + " seed=" + seed + " rounds=" + rounds
                + " (rerun with -Dccr.chaos.seed=" + seed + ")");
        Random r = new Random(seed);
        backend = newBackend();
        List<Long> takeoverMs = new ArrayList<>();
        int kills = 0;
        int freezes = 0;
        Map<String, ProgressRecord> finalProgress = new TreeMap<>();
        try (MetadataStore store = Stores.open(backend.config().build(), Map.of(), Clock.systemUTC())) {
            for (int i = 0; i < JOBS; i++) {
                store.jobs().create("job" + i, "{}", DesiredState.RUNNING, Map.of());
            }
            for (String s : SYNCERS) {
                start(s);
            }
            for (int round = 0; round < rounds; round++) {
                // every job owned and every syncer holding some (a restarted one has rejoined)
                await().atMost(Duration.ofSeconds(30)).until(() -> owners(store).size() == JOBS
                        && new java.util.HashSet<>(owners(store).values()).size() == SYNCERS.size());
                Map<String, String> before = owners(store);
                String victim = before.get("job" + r.nextInt(JOBS));
                Set<String> victimJobs = before.entrySet().stream().filter(e -> e.getValue().equals(victim))
                        .map(Map.Entry::getKey).collect(Collectors.toSet());
                boolean kill = r.nextBoolean();
                Process p = processes.get(victim);
                long t0 = System.nanoTime();
                if (kill) {
                    p.destroyForcibly().onExit().get();
                    kills++;
                } else {
                    signal(p, "STOP");
                    freezes++;
                }
                try {
                    await().atMost(Duration.ofMillis(2 * TTL_MS + TTL_MS / 3 + 3000)).pollInterval(Duration.ofMillis(20))
                            .until(() -> {
                                Map<String, String> o = owners(store);
                                return victimJobs.stream().allMatch(j -> o.containsKey(j) && !o.get(j).equals(victim));
                            });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("seed " + seed + " round " + round + ": the jobs " + victimJobs + " of "
                            + (kill ? "killed " : "frozen ") + victim + " did not move; owners before " + before
                            + ", now " + owners(store) + ", leases " + store.leases().leases(), e);
                }
                takeoverMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                if (kill) {
                    start(victim);
                } else {
                    // frozen a little longer, then woken: it must find its leases gone and write nothing
                    p.waitFor(r.nextInt(1000), TimeUnit.MILLISECONDS);
                    signal(p, "CONT");
                    p.waitFor(2 * TTL_MS, TimeUnit.MILLISECONDS);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> owners(store).size() == JOBS);
            for (Process p : processes.values()) {
                p.destroy();
            }
            for (Process p : processes.values()) {
                p.onExit().get(30, TimeUnit.SECONDS);
            }
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
        record Write(long at, String syncer, String job, long token, long n, boolean ok, long startedAt) {}
        List<Write> writes = new ArrayList<>();
        for (Path p : logs) {
            if (!Files.exists(p)) {
                continue; // a process restarted at the very end may be stopped before it opened its log
            }
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(" ");
                if (f.length < 7) {
                    continue; // the last line of a SIGKILLed process may be cut
                }
                writes.add(new Write(Long.parseLong(f[0]), f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]),
                        f[5].equals("OK"), Long.parseLong(f[6])));
            }
        }
        writes.sort((a, b) -> Long.compare(a.at(), b.at()));
        Figures fig = new Figures();
        Map<String, Map<Long, String>> writerOfToken = new HashMap<>();
        Map<String, Long> maxOkToken = new HashMap<>();
        Map<String, Long> firstOkOfMax = new HashMap<>();
        Map<String, Write> lastOk = new HashMap<>();
        Map<String, Long> windowEnd = new HashMap<>();
        for (Write w : writes) {
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
            Write last = lastOk.get("job" + i);
            ProgressRecord stored = finalProgress.get("job" + i);
            long storedN = stored == null ? -1 : Long.parseLong(stored.progress().replaceAll("\\D", ""));
            if (last == null || stored == null || stored.fencingToken() != last.token() || storedN < last.n()) {
                fig.lostProgress++;
            }
        }
        return fig;
    }
}
