package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.MetadataStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's placement at scale, with real processes on a real MariaDB / PostgreSQL: {@code
 * ccr.ha.scale.jobs} jobs (default 1,000) on three {@link HaSyncerProcess}es (the real lease
 * manager; a fenced progress write every 5 s per held job), 15 s lease. The jobs end within 10 % of
 * even; the busiest syncer is SIGKILLed and its jobs spread over the two others within two lease
 * periods; a new syncer joins and takes its share, at most {@code maxMovesPerTick} (128) per tick.
 * Over every process's write log: no two syncers wrote OK under one token, and no older token
 * wrote OK after a newer one (a write under a lost lease). Figures on {@code HA-FIGURES scale}
 * lines. Runs in {@code -Pchaos-ha}.
 */
@Tag("chaos-ha")
abstract class AbstractThousandJobsHaIT {
    /**
     * The default lease: with 6 s, a takeover of 334 jobs (one transaction each, on the loaded CI
     * machine) once took just over two leases on PostgreSQL.
     */
    private static final long TTL_MS = 15_000;
    private static final long WRITE_EVERY_MS = 5000;
    @TempDir Path dir;
    private TestBackend backend;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Path> logs = new LinkedHashMap<>();

    abstract TestBackend newBackend();

    abstract StoreKind kind();

    abstract String[] urlUserPassword();

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes.values()) {
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
        Path out = dir.resolve(self.replace(':', '_') + ".log");
        logs.put(self, out);
        String[] up = urlUserPassword();
        String db = backend.config().build().database();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                HaSyncerProcess.class.getName(), kind().name(), up[0], up[1], db, self, Long.toString(TTL_MS),
                out.toString(), Long.toString(WRITE_EVERY_MS));
        pb.environment().put("CCR_HA_PASSWORD", up[2]);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(self.replace(':', '_') + ".stdout").toFile());
        processes.put(self, pb.start());
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

    private static Map<String, Integer> load(Map<String, String> owners, Set<String> living) {
        Map<String, Integer> load = new TreeMap<>();
        living.forEach(s -> load.put(s, 0));
        owners.values().forEach(o -> load.merge(o, 1, Integer::sum));
        return load;
    }

    private static boolean balanced(MetadataStore store, Set<String> living, int jobs) {
        Map<String, String> o = owners(store);
        if (o.size() != jobs) {
            return false;
        }
        Map<String, Integer> load = load(o, living);
        double even = (double) jobs / living.size();
        return load.size() == living.size() && load.values().stream().allMatch(n -> Math.abs(n - even) <= even * 0.1);
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void thousandJobsBalanceSpreadAfterAKillAndAJoinerTakesItsShareBounded() throws Exception {
        int jobs = Integer.getInteger("ccr.ha.scale.jobs", 1000);
        backend = newBackend();
        try (MetadataStore store = Stores.open(backend.config().build(), Map.of(), Clock.systemUTC())) {
            for (int i = 0; i < jobs; i++) {
                store.jobs().create(String.format("job%04d", i), "{}", DesiredState.RUNNING, Map.of());
            }
            Set<String> living = new HashSet<>(List.of("10.0.0.1:9190", "10.0.0.2:9190", "10.0.0.3:9190"));
            long t0 = System.nanoTime();
            for (String s : living) {
                start(s);
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> balanced(store, living, jobs));
            long balanceMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            Map<String, Integer> first = load(owners(store), living);

            String victim = first.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            Set<String> orphans = new HashSet<>();
            owners(store).forEach((job, owner) -> {
                if (owner.equals(victim)) {
                    orphans.add(job);
                }
            });
            long killedAt = System.nanoTime();
            processes.get(victim).destroyForcibly().onExit().get();
            living.remove(victim);
            await().atMost(Duration.ofMillis(2 * TTL_MS)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<String, String> o = owners(store);
                return orphans.stream().allMatch(j -> o.containsKey(j) && !o.get(j).equals(victim));
            });
            long takeoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            Map<String, Integer> takers = new TreeMap<>();
            owners(store).forEach((job, owner) -> {
                if (orphans.contains(job)) {
                    takers.merge(owner, 1, Integer::sum);
                }
            });
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                    .until(() -> balanced(store, living, jobs));

            String joiner = "10.0.0.4:9190";
            long joinedAt = System.nanoTime();
            start(joiner);
            living.add(joiner);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> balanced(store, living, jobs));
            long joinMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joinedAt);
            Map<String, Integer> last = load(owners(store), living);
            int maxStartsPerTick = maxStartsWithin(logs.get(joiner),
                    new HaSettings(Duration.ofMillis(TTL_MS)).tickInterval().toMillis() / 2);

            for (Process p : processes.values()) {
                p.destroy();
            }
            for (Process p : processes.values()) {
                p.onExit().get();
            }
            long[] fencing = checkFencing();
            int spread = last.values().stream().mapToInt(Integer::intValue).max().orElse(0)
                    - last.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            System.out.println("HA-FIGURES scale store=" + kind().name().toLowerCase(java.util.Locale.ROOT) + " jobs="
                    + jobs + " syncers=3 lease_ms=" + TTL_MS + " balance_ms=" + balanceMs + " first_load="
                    + first.values() + " killed_jobs=" + orphans.size() + " takeover_ms=" + takeoverMs + " takers="
                    + takers.values() + " join_ms=" + joinMs + " final_load=" + last.values() + " spread=" + spread
                    + " joiner_max_starts_per_half_tick=" + maxStartsPerTick + " writes_ok=" + fencing[0]
                    + " writes_refused=" + fencing[1] + " writes_under_lost_leases=" + fencing[2]
                    + " same_token_two_writers=" + fencing[3]);
            assertThat(takeoverMs).isLessThanOrEqualTo(2 * TTL_MS);
            assertThat(takers).hasSize(2);
            assertThat(maxStartsPerTick).isLessThanOrEqualTo(HaSettings.DEFAULT_MAX_MOVES_PER_TICK);
            assertThat(fencing[0]).isPositive();
            assertThat(fencing[2]).as("OK writes under a token older than one that wrote").isZero();
            assertThat(fencing[3]).as("tokens written by two syncers").isZero();
        }
    }

    /** The most first writes (job starts) of one process within any {@code windowMs}. */
    private static int maxStartsWithin(Path log, long windowMs) throws IOException {
        Map<String, Long> firstWrite = new HashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            firstWrite.putIfAbsent(f[2] + "/" + f[3], Long.parseLong(f[6]));
        }
        List<Long> times = new ArrayList<>(firstWrite.values());
        times.sort(Long::compare);
        int best = 0;
        for (int i = 0, j = 0; i < times.size(); i++) {
            while (times.get(i) - times.get(j) > windowMs) {
                j++;
            }
            best = Math.max(best, i - j + 1);
        }
        return best;
    }

    /** {ok, refused, ok writes under a token older than one that already wrote, tokens with two writers}. */
    private long[] checkFencing() throws IOException {
        record Write(long at, String syncer, String job, long token, boolean ok) {}
        List<Write> writes = new ArrayList<>();
        for (Path p : logs.values()) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(" ");
                writes.add(new Write(Long.parseLong(f[0]), f[1], f[2], Long.parseLong(f[3]), f[5].equals("OK")));
            }
        }
        writes.sort((a, b) -> Long.compare(a.at(), b.at()));
        Map<String, Map<Long, String>> writerOfToken = new HashMap<>();
        Map<String, Long> maxOkToken = new HashMap<>();
        long ok = 0;
        long refused = 0;
        long stale = 0;
        long twoWriters = 0;
        for (Write w : writes) {
            if (!w.ok()) {
                refused++;
                continue;
            }
            ok++;
            String other = writerOfToken.computeIfAbsent(w.job(), k -> new HashMap<>()).putIfAbsent(w.token(), w.syncer());
            if (other != null && !other.equals(w.syncer())) {
                twoWriters++;
            }
            long max = maxOkToken.getOrDefault(w.job(), Long.MIN_VALUE);
            if (w.token() < max) {
                stale++;
            }
            maxOkToken.put(w.job(), Math.max(max, w.token()));
        }
        return new long[] {ok, refused, stale, twoWriters};
    }
}
