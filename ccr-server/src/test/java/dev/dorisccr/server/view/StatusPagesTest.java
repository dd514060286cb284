package dev.dorisccr.server.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.ObservedState;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The renderings of a snapshot, without a server. */
class StatusPagesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Showcase showcase = new Showcase().sample(6);
    private final StatusSnapshot snapshot = showcase.sampler.snapshot();
    private final PageContext ctx = new PageContext("syncer-1:9190", "0.1.0-test", ZoneOffset.UTC,
            showcase.time.millis(), 10);

    @Test
    void markupInNamesAndErrorsIsEscapedEverywhere() {
        JobHistory hostile = snapshot.job(Showcase.HOSTILE).orElseThrow();
        for (String html : List.of(OverviewPage.render(snapshot, ctx), JobPage.render(hostile, snapshot, ctx),
                JobPage.notFound(Showcase.HOSTILE, snapshot, ctx))) {
            assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("alert('name')")
                    .contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;");
        }
        assertThat(OverviewPage.render(snapshot, ctx))
                .contains("ALTER TABLE t ADD &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more")
                .contains("href=\"view?job=%3Cscript%3Ealert%28%27name%27%29%3C%2Fscript%3E\"")
                .contains("data-job=\"&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;\"");
        assertThat(JobPage.render(hostile, snapshot, ctx))
                .contains("POST /job_skip_binlog {&quot;name&quot;: &quot;&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"
                        + "&quot;, &quot;skip_by&quot;: &quot;silence&quot;, &quot;skip_commit_seq&quot;: 77}");
    }

    @Test
    void escapeCoversTextAndAttributes() {
        assertThat(Html.escape("a<b>&\"c'\u0007")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;\uFFFD");
        assertThat(Html.escape("plain")).isSameAs("plain");
    }

    @Test
    void everyStateHasItsColourAndPill() {
        String html = OverviewPage.render(snapshot, ctx);
        for (ObservedState s : List.of(ObservedState.CAUGHT_UP, ObservedState.INCREMENTAL, ObservedState.FULL_SYNC,
                ObservedState.BACKING_OFF, ObservedState.FAILED, ObservedState.PAUSED, ObservedState.STOPPED)) {
            assertThat(html).contains("data-state=\"" + s.name() + "\"").contains("<tr class=\"job " + Html.stateClass(s))
                    .contains("<span class=\"pill " + Html.stateClass(s) + "\">" + s.name().replace('_', ' ') + "</span>");
        }
        assertThat(html).contains("attempt 4, next try in 40 s")
                .contains("<span class=\"err-code\">DORIS_CONNECTION_FAILED</span>")
                .contains("4× in BeginTxn (binlog 5012), last 1 min ago")
                .contains("<li>wait (retried by itself)</li>")
                .contains("reason: binlog expired: commit seq 42 is older than the oldest binlog 1,000")
                .contains("1,450 binlogs").contains("<b>paused</b>").contains("unknown")
                .contains("<meta http-equiv=\"refresh\" content=\"10\">");
    }

    @Test
    void theJobPageShowsTheLastVerificationOrHowToRunOne() {
        String archive = JobPage.render(snapshot.job("archive").orElseThrow(), snapshot, ctx);
        assertThat(archive).contains("id=\"verification\"").contains("<b data-outcome=\"DIFFERS\">DIFFERS</b>")
                .contains("11 equal, 1 differing, 0 not aligned (2 tables)")
                .contains("<li>orders partition p1: 2 row(s) on the source, 1 on the target &lt;b&gt;</li>")
                .contains("ago)");
        assertThat(JobPage.render(snapshot.job("payments").orElseThrow(), snapshot, ctx))
                .contains("never verified").contains("<code>ctl verify</code>");
    }

    @Test
    void theJobPageShowsTheNewestJournalEntriesOrWhyThereAreNone() {
        String archive = JobPage.render(snapshot.job("archive").orElseThrow(), snapshot, ctx);
        assertThat(archive).contains("id=\"journal\"")
                .contains("<tr data-seq=\"5013\" data-outcome=\"APPLIED\">")
                .contains("<span class=\"k k-applied\">applied</span>")
                .contains("label ccrj-archive-5013, txn 9001")
                .contains("orders: skipped by the operator &lt;i&gt;")
                .contains("<code>ctl journal archive</code>");
        assertThat(archive.indexOf("data-seq=\"5013\"")).as("newest first").isLessThan(archive.indexOf("data-seq=\"5012\""));
        String hostile = JobPage.render(snapshot.job(Showcase.HOSTILE).orElseThrow(), snapshot, ctx);
        assertThat(hostile).contains("&lt;b&gt;t&lt;/b&gt;").doesNotContain("<b>t</b>");
        assertThat(JobPage.render(snapshot.job("payments").orElseThrow(), snapshot, ctx))
                .contains("not kept by this metadata store, or not read yet");
    }

    @Test
    void anIdleJobsJournalIsReadOnceNotEveryRound() {
        ScriptedJobService.Job archive = showcase.jobs.jobs.get("archive");
        int before = archive.journalCalls;
        showcase.sampler.sampleOnce();
        showcase.sampler.sampleOnce();
        assertThat(archive.journalCalls).as("a paused job does not move: no new read").isEqualTo(before);
        assertThat(before).isEqualTo(1);
    }

    @Test
    void anEmptyStoreSaysHowToStart() {
        String pending = OverviewPage.render(StatusSnapshot.empty(Duration.ofSeconds(10)), ctx);
        assertThat(pending).contains("Looking for jobs").contains("first sampling round pending");
        String empty = OverviewPage.render(new StatusSnapshot(ctx.nowMs(), Duration.ofSeconds(10), List.of()), ctx);
        assertThat(empty).contains("id=\"no-jobs\"").contains("No jobs yet").contains("POST /create_ccr")
                .doesNotContain("<table");
    }

    @Test
    void theJobPageShowsChartsTheErrorAndTheHistory() {
        String html = JobPage.render(snapshot.job("payments").orElseThrow(), snapshot, ctx);
        assertThat(html).contains("id=\"last-error\"").contains("connect to fe-dst.example:9030: Connection refused")
                .contains("retried by itself").doesNotContain("hunter2")
                .contains("<svg class=\"chart\"").contains("id=\"history\"")
                .contains("first seen: BACKING_OFF, desired RUNNING");
        String events = JobPage.render(snapshot.job("events_tbl").orElseThrow(), snapshot, ctx);
        assertThat(events).contains("<polyline class=\"line\"").contains("1 min ago</text>").contains(">now</text>");
    }

    @Test
    void noRefreshWhenAskedFor() {
        PageContext still = new PageContext("s", "v", ZoneOffset.UTC, ctx.nowMs(), 0);
        assertThat(OverviewPage.render(snapshot, still)).doesNotContain("http-equiv=\"refresh\"")
                .contains("automatic reload off");
    }

    @Test
    void sparklinesDrawWhatThereIs() {
        assertThat(LagChart.sparkline(List.of(), LagPoint::lag, "binlogs", 100, 20)).doesNotContain("<polyline")
                .contains("no lag readings yet");
        assertThat(LagChart.sparkline(List.of(new LagPoint(1, 5, 1)), LagPoint::lag, "binlogs", 100, 20))
                .contains("<circle").doesNotContain("<polyline");
        String three = LagChart.sparkline(List.of(new LagPoint(0, 0, 0), new LagPoint(10, 10, 1), new LagPoint(20, 5, 1)),
                LagPoint::lag, "binlogs", 100, 20);
        assertThat(three).contains("<polyline class=\"line\" points=\"1.0,19.0 50.0,3.8 99.0,11.4\"/>")
                .contains("lag 5 binlogs now, at most 10 binlogs over the last 3 readings");
    }

    @Test
    void chartAxesEndAtRoundNumbers() {
        assertThat(List.of(0L, 1L, 3L, 42L, 100L, 170L, 900L, 86_400L)).extracting(LagChart::niceTop)
                .containsExactly(2.0, 2.0, 4.0, 50.0, 120.0, 200.0, 1000.0, 100_000.0);
    }

    @Test
    void jsonHasTheGoKeysAsStringsAndOurs() throws Exception {
        JsonNode n = MAPPER.readTree(JsonViews.all(snapshot));
        assertThat(n.get("success").asBoolean()).isTrue();
        assertThat(n.get("jobs")).hasSize(Showcase.NAMES.size());
        JsonNode alias = n.get("jobs").get(2);
        assertThat(alias.get("jobName").asText()).isEqualTo("clicks_alias");
        assertThat(alias.get("type").asText()).isEqualTo("table_sync_with_alias");
        assertThat(alias.get("lag").isTextual()).isTrue();
        assertThat(alias.get("lag").asText()).isEqualTo("1450");
        assertThat(alias.get("syncState").asText()).isEqualTo("TableFullSync");
        assertThat(alias.get("isHostMapping").asText()).isEqualTo("true");
        assertThat(alias.get("otherArgs").asText()).isEmpty();
        assertThat(alias.at("/observed/state").asText()).isEqualTo("FULL_SYNC");
        assertThat(alias.get("lag_history")).hasSize(7);
        JsonNode lost = n.get("jobs").get(4);
        assertThat(lost.get("lag").asText()).isEmpty();
        assertThat(lost.get("lag_error").asText()).contains("unreachable");
        JsonNode one = MAPPER.readTree(JsonViews.one(snapshot.job(Showcase.HOSTILE).orElseThrow(), snapshot));
        assertThat(one.at("/job/jobName").asText()).isEqualTo(Showcase.HOSTILE);
        assertThat(one.at("/job/observed/error/message").asText()).isEqualTo(Showcase.HOSTILE_ERROR);
        assertThat(one.at("/job/events/1/kind").asText()).isEqualTo("ERROR");
    }

    @Test
    void theTableIsBoxedWithOneLinePerJob() {
        showcase.jobs.jobs.get("payments").error(ErrorCode.DORIS_SQL_FAILED, "line one\nline\ttwo", "Apply", 1, 1, 1, 1,
                List.of());
        showcase.time.runFor(Duration.ofSeconds(10));
        String table = TextViews.table(showcase.sampler.snapshot());
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(3 + 2 * Showcase.NAMES.size());
        assertThat(lines.get(0)).startsWith("+--").endsWith("-+");
        assertThat(lines.get(1)).startsWith("| JOB NAME ").contains("| LAG(SECS) |").contains("| LAST ERROR ");
        assertThat(lines).allSatisfy(l -> assertThat(l).hasSameSizeAs(lines.get(0)));
        assertThat(table).contains("DORIS_SQL_FAILED x1: line one line two").contains("| table_sync_with_alias |");
    }

    @Test
    void rawIsOneTabSeparatedLinePerJob() {
        String raw = TextViews.raw(snapshot);
        List<String> lines = raw.lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join("\t", TextViews.HEADER));
        assertThat(lines).hasSize(1 + Showcase.NAMES.size())
                .allSatisfy(l -> assertThat(Arrays.stream(l.split("\t", -1)).count()).isEqualTo(TextViews.HEADER.size()));
        assertThat(lines.get(4)).startsWith("events_tbl\ttable_sync\t");
    }

    @Test
    void theJobTableListsFieldsThenEvents() {
        String t = TextViews.jobTable(snapshot.job("payments").orElseThrow());
        assertThat(t).contains("| FIELD ").contains("| Status ").contains("BACKING_OFF").contains("| TIME ")
                .contains("| SEEN ").contains("first seen: BACKING_OFF");
    }
}
