package dev.dorisccr.server.demo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.server.cli.ServeCommand;
import dev.dorisccr.server.config.HttpSettings;
import dev.dorisccr.server.config.ServerConfig;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.replication.ReplicaComparison;
import dev.dorisccr.thrift.sql.JdbcSqlClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ccr-syncer demo}: two simulated Doris clusters and a syncer (SQLite store in a temporary
 * folder), a database job created through the real HTTP API, a workload on the source over the
 * MySQL protocol, live progress, and a verification that the target equals the source. Every
 * wait is bounded; the answer says whether the verification held.
 */
public final class Demo implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The workload run on the source once the first copy is done, one statement at a time. */
    static final List<String> WORKLOAD = List.of(
            "INSERT INTO shop.users VALUES (3, 'cid', 'Lyon'), (4, 'dan', 'Oslo')",
            "INSERT INTO shop.users VALUES (1, 'ann', 'Rome')", // an update of a unique key
            "DELETE FROM shop.users WHERE id = 2",
            "ALTER TABLE shop.users ADD COLUMN age INT DEFAULT \"0\"",
            "INSERT INTO shop.users VALUES (5, 'eve', 'Kyiv', 31)",
            "ALTER TABLE shop.events ADD PARTITION p2024 VALUES LESS THAN (\"20250101\")",
            "INSERT INTO shop.events VALUES (20240601, 5, 'signup')",
            "ALTER TABLE shop.events DROP PARTITION p2023",
            "CREATE TABLE shop.orders (id INT NOT NULL, user_id INT, amount DECIMAL(10, 2)) UNIQUE KEY(id)"
                    + " DISTRIBUTED BY HASH(id) BUCKETS 2",
            "INSERT INTO shop.orders VALUES (1, 1, 9.50), (2, 3, 120.00)",
            "ALTER TABLE shop.orders RENAME orders_2024",
            "INSERT INTO shop.orders_2024 VALUES (3, 4, 7.25)",
            "TRUNCATE TABLE shop.events PARTITION (p2024)",
            "INSERT INTO shop.events VALUES (20240702, 1, 'login')");

    private final PrintWriter out;
    private final Path home;
    private final Duration timeout;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeDorisCluster src;
    private FakeDorisCluster dst;
    private ServeCommand.Running syncer;
    private final long started = System.nanoTime();

    /**
     * @param out where the demo tells what it does
     * @param home the syncer's folder (store, log)
     * @param timeout how long each wait may take
     */
    public Demo(PrintWriter out, Path home, Duration timeout) {
        this.out = requireNonNull(out, "out is null");
        this.home = requireNonNull(home, "home is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** Runs the demo; true when the target ends equal to the source. */
    public boolean run() throws IOException, InterruptedException {
        say("starting two simulated Doris clusters (source and target) on 127.0.0.1");
        src = FakeDorisCluster.builder().name("source").backends(2).build().start();
        open.add(src);
        dst = FakeDorisCluster.builder().name("target").backends(2).build().start();
        open.add(dst);
        say("source: mysql -h 127.0.0.1 -P " + src.mysqlPort() + " -u root   (thrift " + src.masterThriftPort() + ")");
        say("target: mysql -h 127.0.0.1 -P " + dst.mysqlPort() + " -u root   (thrift " + dst.masterThriftPort() + ")");

        ServerConfig config = ServerConfig.builder(home)
                .http(new HttpSettings("127.0.0.1", freePort(), "127.0.0.1")).build();
        syncer = ServeCommand.start(config);
        open.add(syncer);
        say("syncer: http://127.0.0.1:" + syncer.port() + " (SQLite store " + config.store().sqliteFile() + ")");

        try (SqlClient source = sql(src)) {
            say("creating the source database shop (binlog enabled) with two tables");
            for (String s : List.of(
                    "CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")",
                    "CREATE TABLE shop.users (id INT NOT NULL, name VARCHAR(20), city VARCHAR(20)) UNIQUE KEY(id)"
                            + " DISTRIBUTED BY HASH(id) BUCKETS 2",
                    "CREATE TABLE shop.events (day INT NOT NULL, user_id INT, what VARCHAR(20)) DUPLICATE KEY(day)"
                            + " PARTITION BY RANGE(day) (PARTITION p2023 VALUES LESS THAN (\"20240101\"))"
                            + " DISTRIBUTED BY HASH(user_id) BUCKETS 2",
                    "INSERT INTO shop.users VALUES (1, 'ann', 'Paris'), (2, 'bob', 'Turin')",
                    "INSERT INTO shop.events VALUES (20230105, 1, 'signup'), (20231231, 2, 'signup')")) {
                exec(source, s);
            }
            String body = createBody();
            say("POST /create_ccr " + body.replaceAll("\"password\": \"[^\"]*\"", "\"password\": \"***\""));
            JsonNode created = post("/create_ccr", body);
            if (!created.path("success").asBoolean()) {
                say("create_ccr was refused: " + created.path("error_msg").asText());
                return false;
            }
            waitCaughtUp("full copy");
            say("running the workload on the source over the MySQL protocol");
            for (String s : WORKLOAD) {
                exec(source, s);
            }
            waitCaughtUp("incremental");
        }
        ReplicaComparison v = ReplicaComparison.database(src, "shop", dst, "shop");
        v.lines().forEach(l -> say("  " + l));
        v.differences().forEach(d -> say("  differs: " + d));
        say(v.holds() ? "VERIFIED: the target equals the source" : "NOT VERIFIED: the target differs from the source");
        return v.holds();
    }

    /** What to type to look around, for {@code --keep-running}. */
    public void printHowToConnect() {
        say("everything stays up until Ctrl-C:");
        say("  mysql -h 127.0.0.1 -P " + src.mysqlPort() + " -u root -e 'SELECT * FROM shop.users'   # source");
        say("  mysql -h 127.0.0.1 -P " + dst.mysqlPort() + " -u root -e 'SELECT * FROM shop.users'   # target");
        say("  curl -s -X POST -d '{\"name\":\"demo\"}' http://127.0.0.1:" + syncer.port() + "/job_status");
        say("  curl -s -X POST -d '{\"name\":\"demo\"}' http://127.0.0.1:" + syncer.port() + "/get_lag");
        say("  bin/ccr-syncer ctl --server 127.0.0.1:" + syncer.port() + " status demo");
        say("  status page: http://127.0.0.1:" + syncer.port() + "/view");
    }

    private String createBody() {
        return "{\"name\": \"demo\", \"src\": " + src.createCcrEndpoint("shop", "") + ", \"dest\": " + dst.createCcrEndpoint("shop", "") + "}";
    }

    /** Polls status and lag twice a second on a scheduler, printing each change, until caught up (bounded). */
    private void waitCaughtUp(String phase) throws IOException, InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Watcher w = new Watcher(phase, done);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.scheduleWithFixedDelay(w, 0, 500, TimeUnit.MILLISECONDS);
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(phase + ": not caught up after " + timeout + " (see " + home.resolve("log") + ")");
        } catch (ExecutionException e) {
            throw new IOException(phase + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            timer.shutdownNow();
        }
    }

    /** One look at the job: a line when something moves (else one every 5 s), done when caught up. */
    private final class Watcher implements Runnable {
        private final String phase;
        private final CompletableFuture<Void> done;
        private String last = "";
        private long lastPrint;

        private final long startedAtMs = System.currentTimeMillis();

        Watcher(String phase, CompletableFuture<Void> done) {
            this.phase = phase;
            this.done = done;
        }

        @Override
        public void run() {
            try {
                JsonNode st = post("/job_status", "{\"name\": \"demo\"}").path("status");
                JsonNode lag = post("/get_lag", "{\"name\": \"demo\"}");
                JsonNode progress = post("/job_progress", "{\"name\": \"demo\"}").path("job_progress");
                JsonNode observed = st.path("observed");
                String key = observed.path("state").asText("?") + " " + observed.path("detail").asText("")
                        + " | applied up to commit seq " + progress.path("prev_commit_seq").asLong()
                        + " | lag " + lag.path("lag").asLong() + " binlogs"
                        + (observed.has("error") ? " | " + observed.path("error").path("code").asText() + ": "
                                + observed.path("error").path("message").asText() : "");
                if (!key.equals(last) || System.nanoTime() - lastPrint > Duration.ofSeconds(5).toNanos()) {
                    say(key.replace(" binlogs", " binlogs, " + lag.path("lag_seconds").asLong() + " s"));
                    last = key;
                    lastPrint = System.nanoTime();
                }
                // caught_up may be up to 10 s old (a shared lag sample): a catch-up that counts is one
                // the job reached after this phase began, so the workload's binlogs are in it
                if (st.path("caught_up").asBoolean() && observed.path("since").asLong(0) >= startedAtMs) {
                    say(phase + " done: caught up");
                    done.complete(null);
                }
            } catch (IOException e) {
                done.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.completeExceptionally(e);
            }
        }
    }

    private JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + syncer.port() + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(r.body());
    }

    private SqlClient sql(FakeDorisCluster c) {
        return new JdbcSqlClient(ClusterSpec.of("127.0.0.1", c.mysqlPort(), c.masterThriftPort(), c.user(), c.password()), 1,
                Duration.ofSeconds(5));
    }

    private void exec(SqlClient sql, String statement) {
        say("  source> " + statement);
        sql.execute(Sql.of(statement));
    }

    private void say(String line) {
        long ms = (System.nanoTime() - started) / 1_000_000;
        out.printf("[%6.1fs] %s%n", ms / 1000.0, line);
        out.flush();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                out.println("while stopping: " + e);
            }
        }
        open.clear();
    }
}
