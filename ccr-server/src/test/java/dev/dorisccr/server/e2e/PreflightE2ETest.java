package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.syncer.PreflightReport.Outcome;
import dev.dorisccr.core.syncer.PreflightReport;
import dev.dorisccr.server.http.ApiHandler;
import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.JobEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create_ccr's checks, all reported at once, and /preflight without creating anything (issue 14). */
class PreflightE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE d1 PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE d1.t (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        h.src.sql("CREATE DATABASE nolog");
        h.src.sql("CREATE TABLE nolog.t (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        h.dst.sql("CREATE DATABASE d1");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private Map<String, PreflightReport.Check> checks(String body) {
        return h.syncer.preflight(JobSpecJson.parseCreateRequest(body)).checks().stream()
                .collect(Collectors.toMap(PreflightReport.Check::name, c -> c));
    }

    @Test
    void aGoodJobPassesEveryCheck() {
        PreflightReport r = h.syncer.preflight(JobSpecJson.parseCreateRequest(h.createBody("j", "d1", "t", "d1", "t")));
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.checks()).extracting(PreflightReport.Check::name).contains("source.sql", "source.thrift",
                "target.sql", "target.thrift", "source.backends", "target.backends", "source.version", "versions",
                "source.enable_feature_binlog", "source.objects", "source.binlog", "target.objects");
        assertThat(r.checks()).allMatch(c -> c.outcome() == Outcome.OK, "all OK");
        assertThat(h.dst.tables("d1")).isEmpty();
    }

    @Test
    void aWrongPasswordIsNamedAsSuch() {
        String body = h.createBody("j", "d1", "t", "d1", "t").replaceFirst("\"password\": \"[^\"]*\"",
                "\"password\": \"not-the-password\"");
        Map<String, PreflightReport.Check> c = checks(body);
        assertThat(c.get("source.sql").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(c.get("source.sql").message()).contains("wrong user or password").doesNotContain("not-the-password");
        assertThat(c.get("source.thrift").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(c.get("source.binlog").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(c.get("target.sql").outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void createAnswersEveryFailedCheckAtOnceAndStoresNothing() {
        h.dst.sql("CREATE TABLE d1.t2 (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        String body = h.createBody("j", "nolog", "t", "d1", "t2")
                .replace("\"thrift_port\": \"" + h.dst.masterThriftPort() + "\"", "\"thrift_port\": \"1\"");
        assertThatThrownBy(() -> h.create(body)).hasMessageContaining("source.binlog: source table nolog.t does not have binlog")
                .hasMessageContaining("target.thrift: cannot call the FE's Thrift port")
                .hasMessageContaining("target.objects: dest table d1.t2 already exists");
        assertThat(h.syncer.list()).isEmpty();
    }

    @Test
    void preflightOverHttpAnswersTheChecks() throws Exception {
        JobEndpoints endpoints = new JobEndpoints(h.syncer, "test", () -> "", ZoneOffset.UTC);
        try (ApiServer server = ApiServer.start("127.0.0.1", 0, new ApiHandler(endpoints))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/preflight"))
                    .POST(HttpRequest.BodyPublishers.ofString(h.createBody("j", "nolog", "t", "d1", "t"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode n = new ObjectMapper().readTree(r.body());
            assertThat(n.get("success").asBoolean()).isFalse();
            assertThat(n.get("error_msg").asText()).contains("source.binlog");
            assertThat(n.get("checks")).anySatisfy(c -> {
                assertThat(c.get("name").asText()).isEqualTo("source.binlog");
                assertThat(c.get("outcome").asText()).isEqualTo("FAILED");
            });
            HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/preflight"))
                    .POST(HttpRequest.BodyPublishers.ofString(h.createBody("j", "d1", "t", "d1", "t")
                            .replaceFirst("\"password\": \"[^\"]*\"", "\"password\": \"s3cret-xyz\""))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.body()).contains("wrong user or password").doesNotContain("s3cret-xyz");
        }
        assertThat(h.syncer.list()).isEmpty();
    }

    /**
     * Issue 18: no check reads a listing as long as the cluster has databases (a create at 1,000 jobs
     * in 1,000 databases read four): the source database's id comes from the listing the syncer
     * shares (read once for many creates), the target database is looked up by name.
     */
    @Test
    void theChecksReadNoListingOfEveryDatabasePerCreate() {
        for (int i = 0; i < 20; i++) {
            h.src.sql("CREATE DATABASE s" + i + " PROPERTIES (\"binlog.enable\" = \"true\")");
            h.src.sql("CREATE TABLE s" + i + ".t (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1"
                    + " PROPERTIES (\"binlog.enable\" = \"true\")");
        }
        java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (dev.dorisccr.thrift.ThriftClusterConnector real = new dev.dorisccr.thrift.ThriftClusterConnector(
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(10))) {
            dev.dorisccr.core.spi.ClusterConnector recording = new dev.dorisccr.core.spi.ClusterConnector() {
                @Override
                public dev.dorisccr.core.spi.FeClient fe(dev.dorisccr.core.spi.ClusterSpec c) {
                    return real.fe(c);
                }

                @Override
                public dev.dorisccr.core.spi.BeClient be(dev.dorisccr.core.spi.ClusterSpec c, String host, int port) {
                    return real.be(c, host, port);
                }

                @Override
                public dev.dorisccr.core.spi.SqlClient sql(dev.dorisccr.core.spi.ClusterSpec c) {
                    dev.dorisccr.core.spi.SqlClient s = real.sql(c);
                    return new dev.dorisccr.core.spi.SqlClient() {
                        @Override
                        public void execute(dev.dorisccr.core.ddl.render.Sql statement) {
                            seen.add(statement.text());
                            s.execute(statement);
                        }

                        @Override
                        public java.util.List<Map<String, String>> query(dev.dorisccr.core.ddl.render.Sql statement) {
                            seen.add(statement.text());
                            return s.query(statement);
                        }

                        @Override
                        public void close() {
                            s.close();
                        }
                    };
                }
            };
            java.util.concurrent.ExecutorService pool = dev.dorisccr.core.sync.DorisClusterOperations.newIngestPool(2);
            try (dev.dorisccr.core.sync.LookaheadPool lookahead = new dev.dorisccr.core.sync.LookaheadPool(2)) {
                dev.dorisccr.core.sync.DorisClusterOperations ops = new dev.dorisccr.core.sync.DorisClusterOperations(
                        recording, pool, new dev.dorisccr.core.sync.IngestLimits(2,
                                dev.dorisccr.core.sync.IngestLimits.DEFAULT_TOTAL),
                        lookahead, java.time.Duration.ofMinutes(1), java.time.Clock.systemUTC());
                java.util.List<Integer> listings = new java.util.ArrayList<>();
                java.util.List<String> first = new java.util.ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    if (i == 1) {
                        first.addAll(seen);
                    }
                    seen.clear();
                    PreflightReport r = ops.preflight(JobSpecJson.parseCreateRequest(h.createBody("j" + i, "s" + i, "t",
                            "s" + i, "t")));
                    assertThat(r.passed()).as(r.toString()).isTrue();
                    assertThat(r.checks()).filteredOn(c -> c.name().equals("target.objects")).extracting(
                            PreflightReport.Check::message).containsExactly("table s" + i + ".t will be created");
                    listings.add((int) seen.stream().filter(q -> q.contains("'/dbs/'")).count());
                }
                // within the listing's time to live: the first check reads it, the others share it
                assertThat(listings.get(0)).isEqualTo(1);
                assertThat(listings.subList(1, listings.size())).as("SHOW PROC '/dbs/' per check after the first")
                        .allMatch(n -> n == 0);
                assertThat(first).contains("SHOW PROC '/frontends'", "SELECT @@version_comment")
                        .anyMatch(q -> q.startsWith("SHOW CREATE DATABASE"));
                assertThat(seen).as("the cluster checks passed a moment ago for the same clusters and credentials")
                        .doesNotContain("SHOW PROC '/frontends'", "SELECT @@version_comment")
                        .anyMatch(q -> q.startsWith("SHOW CREATE TABLE")).anyMatch(q -> q.startsWith("SHOW CREATE DATABASE"));
                Map<String, PreflightReport.Check> wrongPassword = ops.preflight(JobSpecJson.parseCreateRequest(
                        h.createBody("j", "d1", "t", "d1", "t").replaceFirst("\"password\": \"[^\"]*\"",
                                "\"password\": \"not-the-password\""))).checks().stream()
                        .collect(Collectors.toMap(PreflightReport.Check::name, c -> c));
                assertThat(wrongPassword.get("source.sql").outcome()).as("other credentials: checked afresh")
                        .isEqualTo(Outcome.FAILED);
                assertThat(wrongPassword.get("source.sql").message()).contains("wrong user or password");
                seen.clear();
                Map<String, PreflightReport.Check> bad = ops.preflight(JobSpecJson.parseCreateRequest(
                        h.createBody("j", "no_such_db", "t", "d1", "t"))).checks().stream()
                        .collect(Collectors.toMap(PreflightReport.Check::name, c -> c));
                assertThat(bad.get("source.objects").outcome()).isEqualTo(Outcome.FAILED);
                assertThat(bad.get("source.objects").message()).isEqualTo("source database no_such_db does not exist");
                assertThat(seen).as("a database missing from the shared listing is read again before it is called"
                        + " missing").anyMatch(q -> q.contains("'/dbs/'"));
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
