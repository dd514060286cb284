package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.engine.CcrEngine;
import dev.dorisccr.server.cli.CcrSyncerMain;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.testkit.time.ManualScheduler;
import dev.dorisccr.thrift.ThriftClusterConnector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two simulated clusters as separate OS processes ({@code ccr-syncer simulate}) and an engine between them, built
 * through {@code CcrEngine.builder()} as an embedder builds it.
 */
class SeparateProcessesE2ETest {
    @TempDir Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        for (Process p : processes) {
            p.destroy();
            p.onExit().get();
        }
    }

    private JsonNode simulate(String name) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CcrSyncerMain.class.getName(), "simulate", "--name", name,
                "--backends", "2").redirectError(dir.resolve(name + ".err").toFile()).start();
        processes.add(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertThat(line).as("the simulate process printed its ports").isNotNull();
        return new ObjectMapper().readTree(line);
    }

    private static String endpoint(JsonNode c, String db, String table) {
        return "{\"host\": \"127.0.0.1\", \"port\": \"" + c.get("mysql_port").asInt() + "\", \"thrift_port\": \""
                + c.get("thrift_port").asInt() + "\", \"user\": \"root\", \"password\": \"\", \"database\": \"" + db
                + "\", \"table\": \"" + table + "\"}";
    }

    @Test
    void aTableJobBetweenTwoSimulatorProcesses() throws Exception {
        JsonNode src = simulate("src");
        JsonNode dst = simulate("dst");
        ThriftClusterConnector connector = new ThriftClusterConnector(Duration.ofSeconds(2), Duration.ofSeconds(10));
        open.add(connector);
        SqlClient srcSql = connector.sql(ClusterSpec.of("127.0.0.1", src.get("mysql_port").asInt(),
                src.get("thrift_port").asInt(), "root", ""));
        SqlClient dstSql = connector.sql(ClusterSpec.of("127.0.0.1", dst.get("mysql_port").asInt(),
                dst.get("thrift_port").asInt(), "root", ""));
        open.add(srcSql);
        open.add(dstSql);
        srcSql.execute(Sql.of("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")"));
        srcSql.execute(Sql.of("CREATE TABLE shop.t (k INT NOT NULL, v VARCHAR(20)) DUPLICATE KEY(k)"
                + " DISTRIBUTED BY HASH(k) BUCKETS 3"));
        srcSql.execute(Sql.of("INSERT INTO shop.t VALUES (1, 'a'), (2, 'b')"));
        dstSql.execute(Sql.of("CREATE DATABASE shop"));

        ManualScheduler time = new ManualScheduler();
        // wired as an embedder wires it: the front door's builder, the jobs on a manual scheduler
        CcrEngine engine = CcrEngine.builder()
                .store(StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(dir.resolve("ccr.db")).build())
                .scheduler(time)
                .clock(time)
                .identity("127.0.0.1:9190")
                .connectTimeout(Duration.ofSeconds(2))
                .rpcTimeout(Duration.ofSeconds(10))
                .ingestPerBackend(2)
                .build();
        open.add(engine);
        engine.start();
        engine.create(JobSpecJson.parseCreateRequest("{\"name\": \"j\", \"src\": " + endpoint(src, "shop", "t")
                + ", \"dest\": " + endpoint(dst, "shop", "t") + "}"));
        time.runFor(Duration.ofMinutes(2));
        srcSql.execute(Sql.of("INSERT INTO shop.t VALUES (3, 'c')"));
        time.runFor(Duration.ofMinutes(1));

        Sql checksum = Sql.of("CHECKSUM TABLE shop.t");
        assertThat(dstSql.query(checksum)).isEqualTo(srcSql.query(checksum));
        assertThat(dstSql.query(Sql.of("SELECT COUNT(*) FROM shop.t")).get(0).get("count(*)")).isEqualTo("3");
    }
}
