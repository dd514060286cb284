package dev.dorisccr.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncType;
import dev.dorisccr.core.spi.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSpecJsonTest {
    private static final String DB_JOB = """
            {"name": "ccr_test",
             "src": {"host": "10.0.0.1", "port": "9030", "thrift_port": "9020", "user": "root",
                     "password": "s3cret", "database": "demo", "table": "", "unknown_key": 1},
             "dest": {"host": "10.0.0.2", "port": "9030", "thrift_port": "9020", "user": "root",
                      "password": "", "database": "demo_copy", "table": ""},
             "skip_error": false, "extra": [1, 2]}
            """;

    @Test
    void parsesTheGoCreateBody() {
        JobSpec spec = JobSpecJson.parseCreateRequest(DB_JOB);

        assertThat(spec.name()).isEqualTo("ccr_test");
        assertThat(spec.syncType()).isEqualTo(SyncType.DB_SYNC);
        assertThat(spec.source().cluster().port()).isEqualTo(9030);
        assertThat(spec.source().cluster().thriftPort()).isEqualTo(9020);
        assertThat(spec.source().cluster().password().reveal()).isEqualTo("s3cret");
        assertThat(spec.target().database()).isEqualTo("demo_copy");
        assertThat(spec.options()).isEqualTo(JobOptions.DEFAULTS);
    }

    @Test
    void parsesATableJobWithAliasAndOptions() {
        String body = """
                {"name": "t1", "src": {"host": "h", "port": 9030, "thrift_port": 9020, "user": "u",
                 "database": "d", "table": "orders", "host_mapping": {"172.16.0.1": "1.2.3.4", "x": ""}},
                 "dest": {"host": "h2", "port": "19030", "thrift_port": "19020", "user": "u",
                 "database": "d", "table": "orders_copy"},
                 "skip_error": true, "allow_table_exists": true, "reuse_binlog_label": true,
                 "replication_num": 3}
                """;
        JobSpec spec = JobSpecJson.parseCreateRequest(body);

        assertThat(spec.syncType()).isEqualTo(SyncType.TABLE_SYNC);
        assertThat(spec.isTableAlias()).isTrue();
        assertThat(spec.options()).isEqualTo(new JobOptions(true, true, true, 3));
        assertThat(spec.source().cluster().hostMapping().map("172.16.0.1")).isEqualTo("1.2.3.4");
        assertThat(spec.source().cluster().hostMapping().mapping()).doesNotContainKey("x");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty name | {\"name\":\"\",\"src\":{},\"dest\":{}} | name is empty",
        "no src | {\"name\":\"a\"} | src is missing",
        "src not object | {\"name\":\"a\",\"src\":[1]} | src must be a JSON object",
        "bad port | {\"name\":\"a\",\"src\":{\"host\":\"h\",\"port\":\"90x\"}} | src.port is not a port number",
        "port range | {\"name\":\"a\",\"src\":{\"host\":\"h\",\"port\":\"70000\"}} | src.port out of range",
        "no user | {\"name\":\"a\",\"src\":{\"host\":\"h\",\"port\":\"1\",\"thrift_port\":\"2\"}} | src.user is empty",
        "user LF | {\"name\":\"a\",\"src\":{\"host\":\"h\",\"port\":\"1\",\"thrift_port\":\"2\",\"user\":\"r\\nINFO x\"}}"
                + " | src.user contains a control character at index 1",
        "host CR LF | {\"name\":\"a\",\"src\":{\"host\":\"h\\r\\nx\",\"port\":\"1\"}} | src.host is not a host name",
        "host space | {\"name\":\"a\",\"src\":{\"host\":\"tab\\there\",\"port\":\"1\"}} | src.host is not a host name",
        "host quote | {\"name\":\"a\",\"src\":{\"host\":\"h'; DROP\",\"port\":\"1\"}} | src.host is not a host name",
        "host path | {\"name\":\"a\",\"src\":{\"host\":\"h/x?y=1\",\"port\":\"1\"}} | src.host is not a host name",
        "name type | {\"name\":5} | name must be a string",
        "truncated | {\"name\":\"a\" | malformed JSON",
        "array | [1,2] | expected a JSON object",
        "blank | '  ' | empty JSON body",
    })
    void rejectsBadBodiesWithClearMessages(String label, String body, String message) {
        assertThatThrownBy(() -> JobSpecJson.parseCreateRequest(body))
                .isInstanceOf(CcrException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void acceptsHostNamesAndIpLiterals() {
        for (String host : java.util.List.of("fe1", "127.0.0.1", "doris-fe.prod_1.example.com", "::1", "[fe80::1]",
                "xn--bcher-kva.example")) {
            String body = "{\"name\":\"a\",\"src\":{\"host\":\"" + host + "\",\"port\":\"1\",\"thrift_port\":\"2\","
                    + "\"user\":\"root\",\"database\":\"d\"},\"dest\":{\"host\":\"h\",\"port\":\"1\","
                    + "\"thrift_port\":\"2\",\"user\":\"root\",\"database\":\"d2\"}}";
            assertThat(JobSpecJson.parseCreateRequest(body).source().cluster().host()).isEqualTo(host);
        }
    }

    @Test
    void rejectsMixedScopes() {
        String body = DB_JOB.replaceFirst("\"table\": \"\"", "\"table\": \"t\"");
        assertThatThrownBy(() -> JobSpecJson.parseCreateRequest(body))
                .hasMessageContaining("src/dest are not both db or table sync");
    }

    @Test
    void storedFormRoundTripsWithPasswordsKeptApart() {
        JobSpec spec = JobSpecJson.parseCreateRequest(DB_JOB);

        String stored = JobSpecJson.toStoredJson(spec);

        assertThat(stored).doesNotContain("s3cret").doesNotContain("password");
        assertThat(JobSpecJson.secrets(spec)).containsEntry(JobSpecJson.SOURCE_PASSWORD, Secret.of("s3cret"));
        assertThat(JobSpecJson.fromStoredJson(stored, JobSpecJson.secrets(spec))).isEqualTo(spec);
    }

    @Test
    void publicFormHasNoPassword() {
        JobSpec spec = JobSpecJson.parseCreateRequest(DB_JOB);

        String shown = JobSpecJson.publicNode(spec).toString();

        assertThat(shown).doesNotContain("s3cret").doesNotContain("password");
        assertThat(shown).contains("\"port\":\"9030\"");
    }

    @Test
    void damagedStoredJobIsCorruptMetadata() {
        assertThatThrownBy(() -> JobSpecJson.fromStoredJson("{\"name\":\"\"}", java.util.Map.of()))
                .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.CORRUPT_METADATA));
        assertThatThrownBy(() -> JobSpecJson.fromStoredJson("{\"name\":", java.util.Map.of()))
                .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.CORRUPT_METADATA));
    }
}
