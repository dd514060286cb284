package dev.dorisccr.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.spi.HostMapping;
import dev.dorisccr.core.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobInfoTest {
    private static final String DOC = """
            {"name":"ccrs_demo_1","database":"demo","id":10001,"backup_time":1700000000000,"content":"ALL",
             "backup_objects":{"orders":{"id":10010,"partitions":{"p1":{"id":10011,"version":3,"indexes":{}}}},
                               "users":{"id":10020,"partitions":{}}},
             "new_backup_objects":{"views":[]},
             "tablet_be_map":{"10012":10028},
             "table_commit_seq_map":{"10010":120,"10020":118},
             "future_key":{"kept":true}}
            """;

    @Test
    void readsTablesAndCommitSeqs() {
        JobInfo info = JobInfo.parse(DOC.getBytes(StandardCharsets.UTF_8), false);

        assertThat(info.name()).isEqualTo("ccrs_demo_1");
        assertThat(info.tables()).containsExactly(Map.entry("orders", 10010L), Map.entry("users", 10020L));
        assertThat(info.tableCommitSeqMap()).containsEntry(10010L, 120L).containsEntry(10020L, 118L);
    }

    @Test
    void extraInfoCarriesMappedBackendsAndTokenAndKeepsUnknownKeys() {
        JobInfo info = JobInfo.parse(JobInfo.gzip(DOC.getBytes(StandardCharsets.UTF_8)), true)
                .withExtraInfo(Map.of(10029L, new BackendAddress("172.16.0.12", 8040),
                                10028L, new BackendAddress("172.16.0.11", 8040)),
                        new HostMapping(Map.of("172.16.0.11", "10.0.0.11")), Secret.of("tok-1"));

        String json = info.json();
        assertThat(json).contains("\"extra_info\":{\"be_network_map\":{\"10028\":{\"ip\":\"10.0.0.11\",\"port\":8040},"
                + "\"10029\":{\"ip\":\"172.16.0.12\",\"port\":8040}},\"token\":\"tok-1\"}");
        assertThat(json).contains("\"future_key\":{\"kept\":true}");
        assertThat(info.toString()).doesNotContain("tok-1");

        JobInfo back = JobInfo.parse(info.toBytes(true), true);
        assertThat(back.json()).isEqualTo(json);
    }

    @Test
    void damagedDocumentsAreClearErrors() {
        assertThatThrownBy(() -> JobInfo.parse("{\"name\":".getBytes(StandardCharsets.UTF_8), false))
                .isInstanceOf(CcrException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> JobInfo.parse("[]".getBytes(StandardCharsets.UTF_8), false))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> JobInfo.parse(DOC.getBytes(StandardCharsets.UTF_8), true))
                .hasMessageContaining("not gzip");
        JobInfo badSeqs = JobInfo.parse("{\"table_commit_seq_map\":{\"x\":1}}".getBytes(StandardCharsets.UTF_8), false);
        assertThatThrownBy(badSeqs::tableCommitSeqMap).hasMessageContaining("non-numeric entry \"x\"");
        JobInfo badObjs = JobInfo.parse("{\"backup_objects\":{\"t\":{}}}".getBytes(StandardCharsets.UTF_8), false);
        assertThatThrownBy(badObjs::tables).hasMessageContaining("backup_objects.t has no numeric id");
    }
}
