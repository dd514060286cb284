package dev.dorisccr.store.jdbc;

import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.MetadataStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link HaSyncerProcess}es of a multi-process HA test over one MariaDB / PostgreSQL store: starts them
 * (the password in the environment, never argv), kills or stops them, reads who holds which lease, and checks the
 * fencing invariant over every process's write log. It makes the store's database / schema on the server;
 * {@link #close()} kills whatever still runs and drops it.
 */
final class HaProcesses implements AutoCloseable {
    /** The store servers of scripts/test-databases.sh: the backend, its kind, and how a process reaches it. */
    enum Server {
        MARIADB(StoreKind.MYSQL, "CCR_TEST_MYSQL_", "root"),
        POSTGRESQL(StoreKind.POSTGRESQL, "CCR_TEST_PG_", "postgres");

        final StoreKind kind;
        private final String envPrefix;
        private final String defaultUser;

        Server(StoreKind kind, String envPrefix, String defaultUser) {
            this.kind = kind;
            this.envPrefix = envPrefix;
            this.defaultUser = defaultUser;
        }

        private TestBackend newBackend() {
            return this == MARIADB ? TestBackend.mysql() : TestBackend.postgres();
        }

        String url() {
            return System.getenv(envPrefix + "URL");
        }

        String user() {
            return System.getenv().getOrDefault(envPrefix + "USER", defaultUser);
        }

        String password() {
            return System.getenv().getOrDefault(envPrefix + "PASSWORD", "");
        }
    }

    /**
     * One line of a process's write log (format in {@link HaSyncerProcess}).
     *
     * @param at when the write returned (ms)
     * @param n the process's write counter, the value written
     * @param startedAt when the write started (ms)
     */
    record Write(long at, String syncer, String job, long token, long n, boolean ok, long startedAt) {}

    /**
     * The fencing invariant over all writes: per job, no token written OK by two syncers, and no OK write under
     * a token older than one that already wrote OK.
     *
     * @param ok writes accepted
     * @param refused writes refused (a lost lease)
     * @param underLostLeases OK writes under a token older than one that had written
     * @param twoWriters OK writes under a token another syncer had written under
     * @param jobsWritten jobs with at least one OK write
     * @param violations the first violations, described
     */
    record Fencing(long ok, long refused, long underLostLeases, long twoWriters, int jobsWritten,
            List<String> violations) {}

    private final Path dir;
    private final Server server;
    private final TestBackend backend;
    private final String database;
    private final long ttlMs;
    private final List<String> jvmOptions;
    private final List<String> extraArgs;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, List<Path>> logs = new LinkedHashMap<>();

    /**
     * A fresh database / schema on {@code server} (the test is skipped when the server is not given), no process yet.
     *
     * @param jvmOptions options of each process's JVM
     * @param extraArgs arguments after the output file ({@link HaSyncerProcess}: the write period)
     */
    HaProcesses(Path dir, Server server, long ttlMs, List<String> jvmOptions, List<String> extraArgs) {
        this.dir = dir;
        this.server = server;
        this.backend = server.newBackend();
        this.database = backend.config().build().database();
        this.ttlMs = ttlMs;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts syncer {@code self}; a restart of the same syncer writes a new log. */
    void start(String self) throws IOException {
        List<Path> mine = logs.computeIfAbsent(self, k -> new ArrayList<>());
        String file = self.replace(':', '_');
        Path out = dir.resolve(file + "-" + mine.size() + ".log");
        mine.add(out);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HaSyncerProcess.class.getName(),
                server.kind.name(), server.url(), server.user(), database, self, Long.toString(ttlMs),
                out.toString()));
        command.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("CCR_HA_PASSWORD", server.password());
        pb.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(file + ".stdout").toFile()));
        processes.put(self, pb.start());
    }

    /** The shared store, opened by the test itself. */
    MetadataStore openStore() {
        return Stores.open(backend.config().build(), Map.of(), Clock.systemUTC());
    }

    Process process(String self) {
        return processes.get(self);
    }

    /** {@code kill -<signal>} (STOP, CONT) to syncer {@code self}, when it runs. */
    void signal(String self, String signal) throws IOException, InterruptedException {
        signal(processes.get(self), signal);
    }

    private static void signal(Process p, String signal) throws IOException, InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + p.pid() + " failed");
        }
    }

    /** SIGKILL: the syncer releases nothing. */
    void kill(String self) throws InterruptedException, ExecutionException {
        processes.get(self).destroyForcibly().onExit().get();
    }

    /** Stops every process (SIGTERM) and waits up to 30 s for each: the logs are complete after this. */
    void stopAll() throws InterruptedException, ExecutionException, TimeoutException {
        for (Process p : processes.values()) {
            p.destroy();
        }
        for (Process p : processes.values()) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** The last log of syncer {@code self}. */
    Path lastLog(String self) {
        List<Path> mine = logs.get(self);
        return mine.get(mine.size() - 1);
    }

    /** Job to owner, of the leases not expired now. */
    static Map<String, String> owners(MetadataStore store) {
        Map<String, String> m = new TreeMap<>();
        for (JobLease l : store.leases().leases()) {
            if (!l.isExpiredAt(Clock.systemUTC().instant())) {
                m.put(l.jobName(), l.owner());
            }
        }
        return m;
    }

    /** The writes of one log, in file order. */
    static List<Write> writes(Path log) throws IOException {
        List<Write> writes = new ArrayList<>();
        if (!Files.exists(log)) {
            return writes; // a process started at the very end may be stopped before it opened its log
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
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
        return writes;
    }

    /** The writes of every log of every process, by the time they returned (stop the processes first). */
    List<Write> allWrites() throws IOException {
        List<Write> writes = new ArrayList<>();
        for (List<Path> mine : logs.values()) {
            for (Path p : mine) {
                writes.addAll(writes(p));
            }
        }
        writes.sort((a, b) -> Long.compare(a.at(), b.at()));
        return writes;
    }

    /** The fencing invariant over every log of every process (stop them first). */
    Fencing fencing() throws IOException {
        List<Write> writes = allWrites();
        Map<String, Map<Long, String>> writerOfToken = new HashMap<>();
        Map<String, Long> maxOkToken = new HashMap<>();
        List<String> violations = new ArrayList<>();
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
            String other = writerOfToken.computeIfAbsent(w.job(), k -> new HashMap<>()).putIfAbsent(w.token(),
                    w.syncer());
            if (other != null && !other.equals(w.syncer())) {
                twoWriters++;
                note(violations, "token " + w.token() + " of " + w.job() + " written by " + other + " and "
                        + w.syncer());
            }
            long max = maxOkToken.getOrDefault(w.job(), Long.MIN_VALUE);
            if (w.token() < max) {
                stale++;
                note(violations, w.syncer() + " wrote " + w.job() + " with token " + w.token() + " after token " + max
                        + " had written");
            }
            maxOkToken.put(w.job(), Math.max(max, w.token()));
        }
        return new Fencing(ok, refused, stale, twoWriters, maxOkToken.size(), violations);
    }

    private static void note(List<String> violations, String what) {
        if (violations.size() < 20) {
            violations.add(what);
        }
    }

    /** Kills every process, woken first if frozen, waits for it, and drops the store's database / schema. */
    @Override
    public void close() throws Exception {
        for (Process p : processes.values()) {
            signal(p, "CONT");
            p.destroyForcibly();
        }
        for (Process p : processes.values()) {
            p.onExit().get();
        }
        backend.drop();
    }
}
