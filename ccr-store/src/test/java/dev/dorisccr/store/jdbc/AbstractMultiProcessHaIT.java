package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HA with real OS processes: three syncers share one MariaDB / PostgreSQL store; the owner of a
 * job is killed (SIGKILL: nothing released); its jobs must move to the living syncers within two
 * lease periods plus a tick; a restarted syncer rejoins; and over every process's write log the
 * fencing invariant holds: per job, OK writes come with non-decreasing tokens over time, no two
 * syncers ever write OK under the same token, and once a newer token wrote, no older token
 * writes OK again.
 */
abstract class AbstractMultiProcessHaIT {
    private static final long TTL_MS = 1500;
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
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HaSyncerProcess.class.getName(), kind().name(), up[0], up[1], db,
                self, Long.toString(TTL_MS), out.toString());
        pb.environment().put("CCR_HA_PASSWORD", up[2]);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(self.replace(':', '_') + ".stdout").toFile());
        processes.put(self, pb.start());
    }

    private Map<String, String> owners(MetadataStore store) {
        Map<String, String> m = new TreeMap<>();
        for (JobLease l : store.leases().leases()) {
            if (!l.isExpiredAt(Clock.systemUTC().instant())) {
                m.put(l.jobName(), l.owner());
            }
        }
        return m;
    }

    @Test
    void killedOwnersJobsMoveWithinTwoLeasePeriodsAndTokensFence() throws Exception {
        backend = newBackend();
        try (MetadataStore store = Stores.open(backend.config().build(), Map.of(), Clock.systemUTC())) {
            for (int i = 0; i < 6; i++) {
                store.jobs().create("job" + i, "{}", DesiredState.RUNNING, Map.of());
            }
            for (String s : List.of("10.0.0.1:9190", "10.0.0.2:9190", "10.0.0.3:9190")) {
                start(s);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> owners(store).size() == 6
                    && new HashSet<>(owners(store).values()).size() > 1);

            String victim = owners(store).get("job0");
            Set<String> victimJobs = new HashSet<>();
            owners(store).forEach((job, owner) -> {
                if (owner.equals(victim)) {
                    victimJobs.add(job);
                }
            });
            long killedAt = System.currentTimeMillis();
            processes.get(victim).destroyForcibly().onExit().get();
            await().atMost(Duration.ofMillis(2 * TTL_MS + TTL_MS / 3 + 2000)).until(() -> {
                Map<String, String> o = owners(store);
                return victimJobs.stream().allMatch(j -> o.containsKey(j) && !o.get(j).equals(victim));
            });
            long movedAfter = System.currentTimeMillis() - killedAt;
            System.out.println("jobs of " + victim + " moved after " + movedAfter + " ms (lease " + TTL_MS + " ms)");

            start(victim);
            await().atMost(Duration.ofSeconds(30)).until(() -> owners(store).containsValue(victim));
            await().atMost(Duration.ofSeconds(10)).until(() -> owners(store).size() == 6);
        }
        for (Process p : processes.values()) {
            p.destroy();
        }
        for (Process p : processes.values()) {
            p.onExit().get();
        }
        checkFencing();
    }

    /** The invariant over every process's log. */
    private void checkFencing() throws IOException {
        record Write(long at, String syncer, String job, long token, boolean ok) {}
        List<Write> writes = new ArrayList<>();
        for (Path p : logs) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(" ");
                writes.add(new Write(Long.parseLong(f[0]), f[1], f[2], Long.parseLong(f[3]), f[5].equals("OK")));
            }
        }
        assertThat(writes).as("progress writes").isNotEmpty();
        writes.sort((a, b) -> Long.compare(a.at(), b.at()));
        Map<String, Map<Long, String>> writerOfToken = new HashMap<>();
        Map<String, Long> maxOkToken = new HashMap<>();
        for (Write w : writes) {
            if (!w.ok()) {
                continue;
            }
            String other = writerOfToken.computeIfAbsent(w.job(), k -> new HashMap<>()).putIfAbsent(w.token(), w.syncer());
            assertThat(other == null || other.equals(w.syncer()))
                    .as("token %d of %s written by %s and %s", w.token(), w.job(), other, w.syncer()).isTrue();
            long max = maxOkToken.getOrDefault(w.job(), Long.MIN_VALUE);
            assertThat(w.token()).as("%s wrote %s with token %d after token %d had written", w.syncer(), w.job(),
                    w.token(), max).isGreaterThanOrEqualTo(max);
            maxOkToken.put(w.job(), Math.max(max, w.token()));
        }
        assertThat(maxOkToken).hasSize(6);
    }
}
