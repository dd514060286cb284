package dev.dorisccr.server.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dorisccr.server.http.ApiHandler;
import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.JobEndpoints;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser: Debian's chromium, headless, loads {@code /view} from the
 * server on 127.0.0.1, saves screenshots under {@code target/status-page/} and dumps the DOM, which
 * must hold a row per job with its state, and the hostile job name as text, not as a script.
 * Skipped when chromium is not installed ({@code .ci/run} installs it).
 */
class StatusPageChromiumTest {
    private static final Path SHOTS = Path.of("target", "status-page");
    private static final Pattern ROW = Pattern.compile("<tr class=\"job (s-[a-z_]+)\" data-job=\"([^\"]*)\" "
            + "data-state=\"([A-Z_]+)\">");

    @TempDir Path work;
    private final Showcase showcase = new Showcase().sample(18);
    private HeadlessChromium chromium;
    private ApiServer server;

    @BeforeEach
    void start() throws IOException {
        Optional<HeadlessChromium> found = HeadlessChromium.find(work);
        assumeTrue(found.isPresent(), "chromium is not installed (apt-get install chromium)");
        chromium = found.get();
        Files.createDirectories(SHOTS);
        JobEndpoints endpoints = new JobEndpoints(showcase.jobs, "0.1.0-test", () -> "", ZoneOffset.UTC);
        StatusPageHandler page = new StatusPageHandler(showcase.sampler, showcase.time, ZoneOffset.UTC,
                "127.0.0.1:9190", "0.1.0-test");
        server = ApiServer.start("127.0.0.1", 0, new ApiHandler(endpoints, page));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String url(String query) {
        return "http://127.0.0.1:" + server.port() + "/view" + query;
    }

    @Test
    void theOverviewShowsARowPerJobWithItsState() throws IOException {
        Path png = SHOTS.resolve("overview.png");
        Files.deleteIfExists(png);
        chromium.screenshot(url(""), png, 1440, 1000);
        assertThat(Files.size(png)).isGreaterThan(10_000);

        String dom = chromium.dumpDom(url(""));
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(dom);
        while (m.find()) {
            assertThat(m.group(1)).isEqualTo("s-" + m.group(3).toLowerCase(Locale.ROOT));
            rows.add(m.group(2) + "=" + m.group(3));
        }
        assertThat(rows).containsExactly("&lt;script&gt;alert('name')&lt;/script&gt;=FAILED", "archive=PAUSED",
                "clicks_alias=FULL_SYNC", "events_tbl=INCREMENTAL", "lost=STOPPED", "orders_db=CAUGHT_UP",
                "payments=BACKING_OFF");
        assertThat(dom).doesNotContainIgnoringCase("<script")
                .contains("&lt;script&gt;alert('name')&lt;/script&gt;</a>")
                .contains("<polyline class=\"line\"").contains("id=\"events\"");
    }

    @Test
    void theJobPageShowsTheErrorAndTheHistory() throws IOException {
        String query = "?job=" + URLEncoder.encode(Showcase.HOSTILE, StandardCharsets.UTF_8);
        Path png = SHOTS.resolve("job.png");
        Files.deleteIfExists(png);
        chromium.screenshot(url(query), png, 1280, 1100);
        assertThat(Files.size(png)).isGreaterThan(10_000);
        chromium.screenshot(url("?job=events_tbl"), SHOTS.resolve("job-lag.png"), 1280, 900);

        String dom = chromium.dumpDom(url(query));
        assertThat(dom).contains("id=\"last-error\"").contains("data-state=\"FAILED\"")
                .contains("ALTER TABLE t ADD &lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; more")
                .doesNotContainIgnoringCase("<script").contains("id=\"history\"")
                .contains("first seen: FAILED, desired RUNNING");
        // the Journal card, its entries escaped as the rest of the page
        assertThat(dom).contains("id=\"journal\"").contains("data-outcome=\"FAILED\"")
                .contains("&lt;b&gt;t&lt;/b&gt;").doesNotContain("<b>t</b>");
        chromium.screenshot(url("?job=archive"), SHOTS.resolve("job-journal.png"), 1280, 1400);
        assertThat(chromium.dumpDom(url("?job=archive"))).contains("data-seq=\"5013\"")
                .contains("skipped by the operator &lt;i&gt;");
    }

    @Test
    void anEmptyStore() throws IOException {
        showcase.jobs.jobs.clear();
        showcase.time.runFor(Duration.ofSeconds(10));
        String dom = chromium.dumpDom(url(""));
        assertThat(dom).contains("id=\"no-jobs\"").contains("No jobs yet");
        chromium.screenshot(url(""), SHOTS.resolve("empty.png"), 1280, 600);
    }
}
