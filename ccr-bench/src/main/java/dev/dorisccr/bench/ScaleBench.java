package dev.dorisccr.bench;

import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.engine.CcrEngine;
import dev.dorisccr.server.http.ApiHandler;
import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.JobEndpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URL;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The scale benchmark of issue 18: {@code N} table jobs on one engine (the server's wiring, built
 * with {@link CcrEngine#builder()} and the serve defaults, SQLite store; one table job per source
 * database, as a database copies one table at a time), the clusters in another JVM
 * ({@link ScaleSim}), so that this JVM holds only the syncer (and this driver: its main thread and
 * the pipes to the child). Measures, in order:
 * <ol>
 *   <li>create: each job is created over HTTP ({@code POST /create_ccr} with the manual's JSON body, to
 *       the server's {@link ApiHandler} on an {@link ApiServer}, as {@code ccr_syncer serve} wires
 *       them: request parsing, the checks on both clusters, the store, the lease claim) unless {@code
 *       bench.create=engine} (a direct {@code CcrEngine.create}); ms per create (mean of all, of the
 *       last 10 %, p99; median and p99 of the last 100, at 900 to 999 existing jobs at N = 1,000),
 *       then the time until every job has caught up (full sync done, first empty fetch). With {@code
 *       bench.holdFullSyncs=true} the source's backups do not finish until every job is created
 *       ({@link ScaleSim}'s {@code hold}), so that the creates run without the full syncs of the jobs
 *       created before them (issue 18: what of a create's time is the CPU those take);
 *   <li>idle ({@code bench.idleSeconds}, default 30, starting {@code bench.settleSeconds}, default 5,
 *       after the last job caught up): live threads (and the ten biggest name groups),
 *       heap used after GC, process CPU as % of one core, getBinlog calls/s and SHOW PROC '/binlog'
 *       reads/s at the source FE ({@code bench.probe}, default true: the shared binlog probe on);
 *   <li>trickle at {@code d} = {@code bench.delayMs} (default 1) on every Thrift call of both
 *       clusters: {@code bench.trickle} one-row inserts (default 300) spread over random tables at
 *       {@code bench.ratePerSecond} (default 20); lag = apply time minus source commit time, p50/p99;
 *   <li>restart: the engine closes and a new one on the same store starts; the time from
 *       {@code start()} until every job has fetched (reported caught up) again.
 * </ol>
 * Ends by checking that every trickled row is on the target. Run with {@code scripts/bench.sh scale
 * [N]} (docs/benchmarks.md). Seeded randomness: {@code bench.seed} (default 18). With {@code
 * bench.jfr=DIR}, the create phase and the idle window are each recorded by JDK Flight Recorder
 * (the {@code profile} settings) into {@code DIR/create.jfr} and {@code DIR/idle.jfr}.
 */
public final class ScaleBench {
    private final int n;
    private final Path dir;
    private final Process sim;
    private final PrintWriter toSim;
    private final BufferedReader fromSim;
    private final ClusterSpec src;
    private final ClusterSpec dst;
    /** Jobs that reported caught up since the last {@link #caughtUp} reset, with when (ms). */
    private final Map<String, Long> caughtUp = new ConcurrentHashMap<>();
    private final List<Long> lags = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean recordLags;

    private ScaleBench(int n) throws IOException {
        this.n = n;
        this.dir = Files.createTempDirectory("ccr-scale-bench");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                ScaleSim.class.getName(), Integer.toString(n));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        this.sim = pb.start();
        this.toSim = new PrintWriter(sim.getOutputStream(), true, StandardCharsets.UTF_8);
        this.fromSim = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        String[] ports = fromSim.readLine().split(" ");
        if (!ports[0].equals("ports")) {
            throw new IllegalStateException("simulator said " + String.join(" ", ports));
        }
        src = ClusterSpec.of("127.0.0.1", Integer.parseInt(ports[1]), Integer.parseInt(ports[2]), "root", "");
        dst = ClusterSpec.of("127.0.0.1", Integer.parseInt(ports[3]), Integer.parseInt(ports[4]), "root", "");
    }

    private synchronized String ask(String command) throws IOException {
        toSim.println(command);
        String answer = fromSim.readLine();
        if (answer == null || answer.startsWith("error")) {
            throw new IllegalStateException("simulator answered " + answer + " to " + command);
        }
        return answer;
    }

    private CcrEngine engine() {
        JobListener listener = new JobListener() {
            @Override
            public void caughtUp(String job, long commitSeq, long askedAtMs) {
                caughtUp.putIfAbsent(job, System.currentTimeMillis());
            }

            @Override
            public void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs, Duration took) {
                if (recordLags && typeCode == 0) {
                    lags.add(System.currentTimeMillis() - sourceCommitTimeMs);
                }
            }
        };
        CcrEngine e = CcrEngine.builder().sqliteStore(dir.resolve("ccr.db")).identity("127.0.0.1:19190")
                .listener(listener)
                .binlogProbe(Boolean.parseBoolean(System.getProperty("bench.probe", "true"))
                        ? dev.dorisccr.core.syncer.BinlogProbeSettings.DEFAULTS
                        : dev.dorisccr.core.syncer.BinlogProbeSettings.DISABLED)
                .build();
        e.start();
        return e;
    }

    /** The create_ccr body of job {@code i}, as the manual writes it. */
    private static String createBody(int i, ClusterSpec src, ClusterSpec dst) {
        return "{\"name\": \"scale_" + i + "\", \"src\": " + endpoint(src, i) + ", \"dest\": " + endpoint(dst, i) + "}";
    }

    private static String endpoint(ClusterSpec c, int i) {
        return "{\"host\": \"" + c.host() + "\", \"port\": \"" + c.port() + "\", \"thrift_port\": \"" + c.thriftPort()
                + "\", \"user\": \"" + c.user() + "\", \"password\": \"\", \"database\": \"s" + i
                + "\", \"table\": \"t\"}";
    }

    /** POSTs {@code body} to {@code url}; throws unless the answer is 200 with {@code "success": true}. */
    private static void post(URL url, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(120_000);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream o = c.getOutputStream()) {
            o.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int code = c.getResponseCode();
        String answer;
        try (var in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
            answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (code != 200 || !answer.replace(" ", "").contains("\"success\":true")) {
            throw new IllegalStateException(url + " answered " + code + ": " + answer);
        }
    }

    /** A JFR recording with the {@code profile} settings into {@code dir/name.jfr}, or null without {@code bench.jfr}. */
    private static Recording jfr(String name) throws Exception {
        String dir = System.getProperty("bench.jfr");
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Files.createDirectories(Path.of(dir));
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        r.setName(name);
        r.setDestination(Path.of(dir, name + ".jfr"));
        r.start();
        return r;
    }

    private static void stop(Recording r) {
        if (r != null) {
            r.stop(); // written to its destination
            r.close();
        }
    }

    private static JobSpec spec(int i, ClusterSpec src, ClusterSpec dst) {
        return new JobSpec("scale_" + i, new JobEndpoint(src, "s" + i, "t"), new JobEndpoint(dst, "s" + i, "t"),
                JobOptions.DEFAULTS);
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static void pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The ten biggest groups of live threads by name with the digits taken out. */
    private static String threadGroups() {
        Map<String, Integer> groups = new TreeMap<>();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            groups.merge(t.getThreadName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> top = new ArrayList<>(groups.entrySet());
        top.sort((a, b) -> b.getValue() - a.getValue());
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(10, top.size()); i++) {
            s.append(i == 0 ? "" : ", ").append(top.get(i).getKey()).append(" x").append(top.get(i).getValue());
        }
        return s.toString();
    }

    /** Bytes allocated so far by the live Java threads (HotSpot's counter; -1 without it). */
    private static long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t)) {
            return -1;
        }
        long sum = 0;
        for (long b : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    /** Collections and milliseconds of GC so far, every collector. */
    private static long[] gc() {
        long count = 0;
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, g.getCollectionCount());
            ms += Math.max(0, g.getCollectionTime());
        }
        return new long[] {count, ms};
    }

    /** CPU time (ns) of every live Java thread by name with the digits taken out. */
    private static Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new TreeMap<>();
        for (ThreadInfo t : mx.dumpAllThreads(false, false)) {
            long ns = mx.getThreadCpuTime(t.getThreadId());
            if (ns > 0) {
                byGroup.merge(t.getThreadName().replaceAll("[0-9]+", "#"), ns, Long::sum);
            }
        }
        return byGroup;
    }

    /**
     * What burnt CPU between two {@link #threadCpu} readings, as % of one core over {@code wallNs}:
     * the five busiest thread groups, then the JVM's own threads (GC, JIT: the process's CPU less
     * every Java thread's).
     */
    private static String cpuByThread(Map<String, Long> before, Map<String, Long> after, long processNs, long wallNs) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0L)));
        long java = delta.values().stream().mapToLong(Long::longValue).sum();
        List<Map.Entry<String, Long>> top = new ArrayList<>(delta.entrySet());
        top.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(5, top.size()); i++) {
            sb.append(String.format(Locale.ROOT, "%s %.2f %%, ", top.get(i).getKey(), 100.0 * top.get(i).getValue() / wallNs));
        }
        return sb.append(String.format(Locale.ROOT, "JVM (GC, JIT, VM) %.2f %%", 100.0 * (processNs - java) / wallNs))
                .toString();
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private void run() throws Exception {
        int idleSeconds = Integer.getInteger("bench.idleSeconds", 30);
        int trickle = Integer.getInteger("bench.trickle", 300);
        int rate = Integer.getInteger("bench.ratePerSecond", 20);
        int delayMs = Integer.getInteger("bench.delayMs", 1);
        long seed = Long.getLong("bench.seed", 18);
        List<String> out = new ArrayList<>() {
            @Override
            public boolean add(String line) {
                System.out.println(line); // as it comes: a long run shows its progress
                return super.add(line);
            }
        };
        out.add(String.format(Locale.ROOT, "ScaleBench N=%d, %s, %d cores, Java %s, seed %d", n,
                java.time.Instant.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), seed));
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        CcrEngine engine = engine();
        boolean overHttp = !"engine".equals(System.getProperty("bench.create", "http"));
        ApiServer api = overHttp ? ApiServer.start("127.0.0.1", 0, new ApiHandler(new JobEndpoints(engine.jobs(),
                "bench", () -> "", ZoneOffset.UTC))) : null;
        URL createUrl = overHttp ? new URL("http://127.0.0.1:" + api.port() + "/create_ccr") : null;
        Recording createJfr = jfr("create");
        long[] createNs = new long[n];
        boolean hold = Boolean.getBoolean("bench.holdFullSyncs");
        if (hold) {
            ask("hold");
        }
        long created = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            if (overHttp) {
                post(createUrl, createBody(i, src, dst));
            } else {
                engine.create(spec(i, src, dst));
            }
            createNs[i] = System.nanoTime() - t0;
        }
        long createdAll = System.nanoTime() - created;
        stop(createJfr);
        if (hold) {
            ask("release");
        }
        List<Long> ms = new ArrayList<>();
        List<Long> lastHundredUs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ms.add(createNs[i] / 1_000_000);
            if (i >= n - Math.min(100, n)) {
                lastHundredUs.add(createNs[i] / 1_000);
            }
        }
        double meanAll = ms.stream().mapToLong(Long::longValue).average().orElse(0);
        double meanLast = ms.subList(n - Math.max(1, n / 10), n).stream().mapToLong(Long::longValue).average().orElse(0);
        await("every job caught up", Duration.ofMinutes(30), () -> caughtUp.size() >= n);
        long readyMs = (System.nanoTime() - created) / 1_000_000;
        out.add(String.format(Locale.ROOT, "create (%s%s): %.1f ms/job mean, %.1f ms/job over the last 10%%, p99 %d ms;"
                + " the last %d: median %.1f ms, p99 %.1f ms; %d creates in %.1f s; all %d caught up %.1f s after the"
                + " first create", overHttp ? "POST /create_ccr" : "CcrEngine.create",
                hold ? ", full syncs held back until all were created" : "", meanAll, meanLast, pct(ms, 99),
                lastHundredUs.size(), pct(lastHundredUs, 50) / 1e3, pct(lastHundredUs, 99) / 1e3, n, createdAll / 1e9, n,
                readyMs / 1e3));

        // idle
        // the last full syncs' fast polls end; a longer settle lets the JIT finish the idle path, so the
        // window shows a long-running syncer's idle cost rather than its warm-up
        pause(Duration.ofSeconds(Integer.getInteger("bench.settleSeconds", 5)));
        long heap = heapAfterGc();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        String groups = threadGroups();
        long calls0 = Long.parseLong(ask("calls getBinlog"));
        long procs0 = Long.parseLong(ask("procs"));
        Map<String, Long> threadCpu0 = threadCpu();
        double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long alloc0 = allocatedBytes();
        long[] gc0 = gc();
        long cpu0 = cpuNanos();
        long wall0 = System.nanoTime();
        pause(Duration.ofSeconds(idleSeconds));
        long cpu1 = cpuNanos();
        long wall1 = System.nanoTime();
        long[] gc1 = gc();
        long alloc1 = allocatedBytes();
        double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, Long> threadCpu1 = threadCpu();
        long calls1 = Long.parseLong(ask("calls getBinlog"));
        long procs1 = Long.parseLong(ask("procs"));
        Recording idleJfr = jfr("idle"); // a window of its own: the recorder's cost is not in the figures above
        if (idleJfr != null) {
            pause(Duration.ofSeconds(idleSeconds));
            stop(idleJfr);
        }
        double seconds = (wall1 - wall0) / 1e9;
        out.add(String.format(Locale.ROOT, "idle %.0f s: %d threads (%d before the engine), heap after GC %.1f MiB,"
                + " CPU %.2f %% of one core, getBinlog %.1f/s (%.2f per job per 3 s)", seconds, threads, threadsBefore,
                heap / 1048576.0, 100.0 * (cpu1 - cpu0) / (wall1 - wall0), (calls1 - calls0) / seconds,
                (calls1 - calls0) / seconds * 3 / n));
        out.add(String.format(Locale.ROOT, "idle: SHOW PROC '/binlog' %.2f/s (the shared probe; bench.probe=%s)",
                (procs1 - procs0) / seconds, System.getProperty("bench.probe", "true")));
        out.add("threads by name: " + groups);
        out.add("idle CPU by thread (% of one core): " + cpuByThread(threadCpu0, threadCpu1, cpu1 - cpu0, wall1 - wall0));
        out.add(String.format(Locale.ROOT, "idle: allocated %.2f MiB/s (live threads), GC %d collections / %d ms;"
                + " machine load average %.2f at the start, %.2f at the end", (alloc1 - alloc0) / 1048576.0 / seconds,
                gc1[0] - gc0[0], gc1[1] - gc0[1], load0, load1));

        // trickle at d
        ask("delay " + delayMs);
        Random random = new Random(seed);
        Map<Integer, Integer> expected = new TreeMap<>();
        recordLags = true;
        long procsAtTrickle = Long.parseLong(ask("procs"));
        long trickleFrom = System.nanoTime();
        long gapNs = 1_000_000_000L / rate;
        long next = System.nanoTime();
        int peakThreads = 0;
        for (int i = 1; i <= trickle; i++) {
            int table = random.nextInt(n);
            ask("insert " + table + " " + i);
            peakThreads = Math.max(peakThreads, ManagementFactory.getThreadMXBean().getThreadCount());
            expected.merge(table, 1, Integer::sum);
            next += gapNs;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                pause(Duration.ofNanos(wait));
            }
        }
        await("every trickled binlog applied", Duration.ofMinutes(5), () -> lags.size() >= trickle);
        recordLags = false;
        out.add(String.format(Locale.ROOT, "trickle d=%d ms: %d inserts at %d/s over random tables: lag p50 %d ms,"
                + " p99 %d ms, max %d ms", delayMs, trickle, rate, pct(lags, 50), pct(lags, 99), pct(lags, 100)));
        out.add(String.format(Locale.ROOT, "trickle: SHOW PROC '/binlog' %.2f/s meanwhile; probes %s",
                (Long.parseLong(ask("procs")) - procsAtTrickle) / ((System.nanoTime() - trickleFrom) / 1e9),
                ((dev.dorisccr.core.service.Syncer) engine.jobs()).binlogProbes()));
        out.add(String.format(Locale.ROOT, "threads under load (trickle): peak %d live threads, %d now; by name: %s",
                peakThreads,
                ManagementFactory.getThreadMXBean().getThreadCount(), threadGroups()));
        ask("delay 0");

        // restart
        if (api != null) {
            api.close();
        }
        engine.close();
        caughtUp.clear();
        long restart = System.nanoTime();
        CcrEngine again = engine();
        await("every job fetching after the restart", Duration.ofMinutes(10), () -> caughtUp.size() >= n);
        out.add(String.format(Locale.ROOT, "restart: all %d jobs fetching %.2f s after start()", n,
                (System.nanoTime() - restart) / 1e9));

        // the target has what the source has: the seed row and the trickled rows of every table
        for (Map.Entry<Integer, Integer> e : expected.entrySet()) {
            int rows = Integer.parseInt(ask("count " + e.getKey()));
            if (rows != 1 + e.getValue()) {
                throw new IllegalStateException("target s" + e.getKey() + ".t" + " has " + rows + " rows, the source "
                        + (1 + e.getValue()));
            }
        }
        out.add("target checked: " + expected.size() + " trickled tables have the source's row counts");
        again.close();
        System.out.println("---");
        out.forEach(System.out::println);
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        ScaleBench b = new ScaleBench(n);
        try {
            b.run();
        } finally {
            b.toSim.println("quit");
            b.sim.waitFor(30, TimeUnit.SECONDS);
            b.sim.destroy();
        }
    }
}
