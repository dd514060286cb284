package dev.dorisccr.server.view;

import dev.dorisccr.core.job.JobError;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.spi.DesiredState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /view}: every job in one table, a count per state, and the latest events of all jobs. */
final class OverviewPage {
    /** Events of all jobs shown under the table. */
    static final int RECENT_EVENTS = 15;
    /** Longest error message shown in the table (the job page shows all of it). */
    static final int TABLE_MESSAGE = 220;

    private OverviewPage() {}

    static String render(StatusSnapshot snapshot, PageContext ctx) {
        StringBuilder b = new StringBuilder(8192);
        PageLayout.open(b, ctx, snapshot, "CCR jobs (" + snapshot.jobs().size() + ")");
        summary(b, snapshot);
        if (snapshot.jobs().isEmpty()) {
            b.append("<div class=\"card empty\" id=\"no-jobs\"><b>")
                    .append(snapshot.atMs() == 0 ? "Looking for jobs…" : "No jobs yet")
                    .append("</b>Create one with <code>POST /create_ccr</code>; it shows up here within ")
                    .append(Html.span(snapshot.interval())).append(".</div>\n");
        } else {
            table(b, snapshot, ctx);
            recentEvents(b, snapshot, ctx);
        }
        PageLayout.close(b, ctx, snapshot, "view?");
        return b.toString();
    }

    static String jobLink(String name) {
        return "view?job=" + Html.escape(URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    private static void summary(StringBuilder b, StatusSnapshot snapshot) {
        Map<ObservedState, Integer> counts = new EnumMap<>(ObservedState.class);
        snapshot.jobs().forEach(j -> counts.merge(j.latest().observed().state(), 1, Integer::sum));
        b.append("<div class=\"summary\" id=\"summary\"><span class=\"chip\"><b>").append(snapshot.jobs().size())
                .append("</b> job").append(snapshot.jobs().size() == 1 ? "" : "s").append("</span>");
        counts.forEach((state, n) -> b.append("<span class=\"chip ").append(Html.stateClass(state))
                .append("\"><span class=\"dot\"></span>").append(n).append(' ')
                .append(state.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("</span>"));
        b.append("</div>\n");
    }

    private static void table(StringBuilder b, StatusSnapshot snapshot, PageContext ctx) {
        b.append("<div class=\"card tablecard\"><table id=\"jobs\">\n<thead><tr><th>Job</th><th>Desired</th>")
                .append("<th>Status</th><th>Lag</th><th>Last error</th><th>Last full sync</th></tr></thead>\n<tbody>\n");
        for (JobHistory job : snapshot.jobs()) {
            row(b, job, snapshot, ctx);
        }
        b.append("</tbody></table></div>\n");
    }

    private static void row(StringBuilder b, JobHistory job, StatusSnapshot snapshot, PageContext ctx) {
        JobSample s = job.latest();
        ObservedState state = s.observed().state();
        b.append("<tr class=\"job ").append(Html.stateClass(state)).append("\" data-job=\"")
                .append(Html.escape(s.name())).append("\" data-state=\"").append(state.name()).append("\">");
        // Job
        b.append("<td><a class=\"name\" href=\"").append(jobLink(s.name())).append("\">").append(Html.escape(s.name()))
                .append("</a><div class=\"sub\"><span class=\"badge\">").append(Html.escape(s.type()))
                .append("</span>").append(s.hostMapping() ? "<span class=\"badge\">host mapping</span>" : "")
                .append("</div><div class=\"sub ends\">").append(Html.escape(s.source())).append("</div><div class=\"sub ends\">→ ")
                .append(Html.escape(s.target())).append("</div>");
        if (snapshot.atMs() - s.atMs() > snapshot.interval().toMillis()) {
            b.append("<div class=\"stale\">status unreadable since ").append(Html.relative(s.atMs(), ctx.nowMs()))
                    .append("</div>");
        }
        b.append("</td>");
        // Desired
        b.append("<td class=\"nowrap\">").append(s.desired() == DesiredState.RUNNING ? "running"
                : "<b>" + s.desired().name().toLowerCase(Locale.ROOT) + "</b>").append("</td>");
        // Status
        b.append("<td class=\"status\">").append(PageLayout.pill(state)).append(PageLayout.statusLine(s.observed(),
                ctx.nowMs())).append("</td>");
        // Lag
        b.append("<td class=\"nowrap\">");
        if (s.lag().isPresent()) {
            LagPoint l = s.lag().get();
            b.append("<div class=\"lag\">").append(Html.number(l.lag())).append(" binlog").append(l.lag() == 1 ? "" : "s")
                    .append("</div><div class=\"sub\">").append(Html.span(Duration.ofSeconds(l.lagSeconds())))
                    .append(" behind</div>");
        } else {
            b.append("<div class=\"lag unknown\">unknown</div><div class=\"sub\" title=\"").append(Html.escape(s.lagError()))
                    .append("\">source FE did not answer</div>");
        }
        b.append(LagChart.sparkline(job.lag(), LagPoint::lagSeconds, "s", 140, 28)).append("</td>");
        // Last error
        b.append("<td>");
        if (s.observed().error().isPresent()) {
            JobError e = s.observed().error().get();
            b.append("<span class=\"err-code\">").append(e.code().name()).append("</span><div class=\"err-msg\" title=\"")
                    .append(Html.escape(HistoryEvents.truncate(e.message(), 2000))).append("\">")
                    .append(Html.escape(HistoryEvents.truncate(e.message(), TABLE_MESSAGE))).append("</div>")
                    .append(PageLayout.errorLine(e, ctx.nowMs())).append(PageLayout.actions(e));
        } else {
            b.append("<span class=\"none\">none</span>");
        }
        b.append("</td>");
        // Last full sync
        b.append("<td>");
        if (s.fullSyncStartAtSeconds() > 0) {
            long ms = s.fullSyncStartAtSeconds() * 1000;
            b.append("<div class=\"nowrap\">").append(Html.time(ms, ctx.zone())).append("</div><div class=\"sub\">")
                    .append(Html.relative(ms, ctx.nowMs())).append("</div>");
        } else {
            b.append("<span class=\"none\">never</span>");
        }
        if (!s.fullSyncReason().isEmpty()) {
            b.append("<div class=\"sub\">reason: ").append(Html.escape(s.fullSyncReason())).append("</div>");
        }
        b.append("</td></tr>\n");
    }

    private static void recentEvents(StringBuilder b, StatusSnapshot snapshot, PageContext ctx) {
        record Named(String job, HistoryEvent event) {}
        List<Named> all = new ArrayList<>();
        snapshot.jobs().forEach(j -> j.events().forEach(e -> all.add(new Named(j.name(), e))));
        all.sort(Comparator.comparingLong((Named n) -> n.event().atMs()).reversed());
        b.append("<h3 class=\"section\">Recent events</h3><div class=\"card tablecard\"><table class=\"events\" id=\"events\">")
                .append("<thead><tr><th>Time</th><th>Job</th><th>Event</th><th>What</th></tr></thead><tbody>\n");
        for (Named n : all.subList(0, Math.min(RECENT_EVENTS, all.size()))) {
            b.append("<tr><td class=\"nowrap\">").append(Html.time(n.event().atMs(), ctx.zone()))
                    .append("</td><td><a href=\"").append(jobLink(n.job())).append("\">").append(Html.escape(n.job()))
                    .append("</a></td><td>").append(JobPage.kind(n.event().kind())).append("</td><td>")
                    .append(Html.escape(n.event().text())).append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }
}
