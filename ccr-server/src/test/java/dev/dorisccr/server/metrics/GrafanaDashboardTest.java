package dev.dorisccr.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/grafana/ccr-syncer.json is valid JSON and queries only series that docs/operations.md describes. */
class GrafanaDashboardTest {
    private static final Path ROOT = Path.of(System.getProperty("ccr.root", ".."));
    private static final Pattern SERIES = Pattern.compile("\\b((?:ccr|http_server|jvm|process)_[a-z_]+)");

    @Test
    void everyQueriedSeriesIsDocumented() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("docs/grafana/ccr-syncer.json").toFile());
        String doc = Files.readString(ROOT.resolve("docs/operations.md"));
        Set<String> queried = new TreeSet<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher m = SERIES.matcher(expr.asText());
            while (m.find()) {
                queried.add(m.group(1).replaceAll("_(bucket|count|sum)$", ""));
            }
        }

        assertThat(queried).isNotEmpty().contains("ccr_job_status", "ccr_job_lag_binlogs", "ccr_job_errors_total");
        for (String series : queried) {
            boolean jvm = series.startsWith("jvm_") || series.startsWith("process_");
            assertThat(jvm ? doc.contains("`jvm_*`, `process_*`") : doc.contains("`" + series))
                    .as("%s is queried by the dashboard but not in docs/operations.md", series).isTrue();
        }
        assertThat(dashboard.path("templating").path("list").findValuesAsText("name"))
                .contains("datasource", "instance", "job");
    }
}
