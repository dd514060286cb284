package dev.dorisccr.server.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.core.job.JobError;
import dev.dorisccr.core.job.ObservedStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code /view?job=<name>}: one job with its lag charts, its last error in full and its history. */
final class JobPage {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JobPage() {}

    static String render(JobHistory job, StatusSnapshot snapshot, PageContext ctx) {
        JobSample s = job.latest();
        ObservedStatus o = s.observed();
        StringBuilder b = new StringBuilder(8192);
        PageLayout.open(b, ctx, snapshot, s.name() + " · CCR job");
        b.append("<div class=\"sub\"><a href=\"view\">← all jobs</a></div>\n");
        b.append("<h2 id=\"job\" class=\"").append(Html.stateClass(o.state())).append("\" data-job=\"")
                .append(Html.escape(s.name())).append("\" data-state=\"").append(o.state().name()).append("\">")
                .append(Html.escape(s.name())).append(' ').append(PageLayout.pill(o.state())).append("</h2>\n");
        b.append("<div class=\"grid\">\n");
        jobCard(b, s);
        statusCard(b, s, ctx);
        lagCard(b, job);
        o.error().ifPresent(e -> errorCard(b, s.name(), e, ctx));
        verificationCard(b, o, ctx);
        journalCard(b, job, ctx);
        b.append("</div>\n");
        history(b, job, ctx);
        String self = "view?job=" + Html.escape(URLEncoder.encode(s.name(), StandardCharsets.UTF_8)) + "&amp;";
        PageLayout.close(b, ctx, snapshot, self);
        return b.toString();
    }

    /** A page for a job the sampler does not know (yet). */
    static String notFound(String name, StatusSnapshot snapshot, PageContext ctx) {
        StringBuilder b = new StringBuilder();
        PageLayout.open(b, ctx, snapshot, "No such job · CCR");
        b.append("<div class=\"sub\"><a href=\"view\">← all jobs</a></div>\n<div class=\"card empty\" id=\"not-found\"><b>")
                .append("No job named ").append(Html.escape(name)).append("</b>It is not in the store, or it was ")
                .append("created in the last ").append(Html.span(snapshot.interval())).append(" and not sampled yet.</div>\n");
        PageLayout.close(b, ctx, snapshot, "view?");
        return b.toString();
    }

    static String kind(HistoryEvent.Kind k) {
        String n = k.name().toLowerCase(Locale.ROOT);
        return "<span class=\"k k-" + n + "\">" + n.replace('_', ' ') + "</span>";
    }

    private static void jobCard(StringBuilder b, JobSample s) {
        b.append("<section class=\"card\"><h3>Job</h3><dl class=\"kv\">");
        kv(b, "type", Html.escape(s.type()));
        kv(b, "source", Html.escape(s.source()));
        kv(b, "target", Html.escape(s.target()));
        kv(b, "desired", s.desired().name());
        kv(b, "host mapping", s.hostMapping() ? "yes" : "no");
        kv(b, "sync state", "<code>" + Html.escape(s.syncState()) + "</code> / <code>" + Html.escape(s.subSyncState())
                + "</code>");
        b.append("</dl></section>\n");
    }

    private static void statusCard(StringBuilder b, JobSample s, PageContext ctx) {
        ObservedStatus o = s.observed();
        b.append("<section class=\"card\"><h3>Status</h3><dl class=\"kv\">");
        kv(b, "observed", PageLayout.pill(o.state()));
        if (!o.detail().isEmpty()) {
            kv(b, "detail", Html.escape(o.detail()));
        }
        if (o.sinceMs() > 0) {
            kv(b, "since", Html.time(o.sinceMs(), ctx.zone()) + " <span class=\"sub\">("
                    + Html.relative(o.sinceMs(), ctx.nowMs()) + ")</span>");
        }
        if (o.attempt() > 0) {
            kv(b, "attempt", Integer.toString(o.attempt()));
        }
        if (o.nextRetryAtMs() > 0) {
            kv(b, "next try", Html.time(o.nextRetryAtMs(), ctx.zone()) + " <span class=\"sub\">("
                    + Html.relative(o.nextRetryAtMs(), ctx.nowMs()) + ")</span>");
        }
        if (s.fullSyncStartAtSeconds() > 0) {
            long ms = s.fullSyncStartAtSeconds() * 1000;
            kv(b, "last full sync", Html.time(ms, ctx.zone()) + " <span class=\"sub\">(" + Html.relative(ms, ctx.nowMs())
                    + ")</span>");
        } else {
            kv(b, "last full sync", "<span class=\"none\">never</span>");
        }
        if (!s.fullSyncReason().isEmpty()) {
            kv(b, "full sync reason", Html.escape(s.fullSyncReason()));
        }
        b.append("</dl></section>\n");
    }

    /** The last consistency check: outcome, when, counts and the first findings; how to run one. */
    private static void verificationCard(StringBuilder b, ObservedStatus o, PageContext ctx) {
        b.append("<section class=\"card\" id=\"verification\"><h3>Verification</h3>");
        if (o.verification().isEmpty()) {
            b.append("<span class=\"none\">never verified</span> <span class=\"sub\">(<code>ctl verify</code> or"
                    + " <code>POST /verify</code>)</span></section>\n");
            return;
        }
        var v = o.verification().get();
        b.append("<dl class=\"kv\">");
        kv(b, "outcome", "<b data-outcome=\"" + Html.escape(v.outcome()) + "\">" + Html.escape(v.outcome()) + "</b>");
        kv(b, "at", Html.time(v.atMs(), ctx.zone()) + " <span class=\"sub\">(" + Html.relative(v.atMs(), ctx.nowMs())
                + ")</span>");
        kv(b, "partitions", v.partitionsEqual() + " equal, " + v.partitionsDiffering() + " differing, "
                + v.partitionsNotAligned() + " not aligned (" + v.tables() + " table" + (v.tables() == 1 ? "" : "s") + ")");
        b.append("</dl>");
        if (!v.findings().isEmpty()) {
            b.append("<ul class=\"findings\">");
            v.findings().forEach(f -> b.append("<li>").append(Html.escape(f)).append("</li>"));
            b.append("</ul>");
        }
        b.append("</section>\n");
    }

    /** The newest entries of the apply journal: what the job did with its last binlogs. */
    private static void journalCard(StringBuilder b, JobHistory job, PageContext ctx) {
        b.append("<section class=\"card wide tablecard\" id=\"journal\"><h3>Journal</h3>");
        if (job.journal().isEmpty()) {
            b.append("<span class=\"none\">not kept by this metadata store, or not read yet</span></section>\n");
            return;
        }
        List<dev.dorisccr.core.spi.JournalEntry> entries = job.journal().get();
        if (entries.isEmpty()) {
            b.append("<span class=\"none\">no binlog handled yet</span></section>\n");
            return;
        }
        b.append("<table class=\"events\"><thead><tr><th>Time</th><th>Commit seq</th><th>Type</th><th>Outcome</th>"
                + "<th>Took</th><th>Detail</th></tr></thead><tbody>\n");
        for (dev.dorisccr.core.spi.JournalEntry e : entries) {
            String outcome = e.outcome().name().toLowerCase(Locale.ROOT);
            StringBuilder detail = new StringBuilder(Html.escape(e.detail()));
            if (!e.tables().isEmpty()) {
                detail.insert(0, Html.escape(String.join(", ", e.tables())) + (e.detail().isEmpty() ? "" : ": "));
            }
            if (!e.label().isEmpty()) {
                detail.append(" <span class=\"sub\">label ").append(Html.escape(e.label()))
                        .append(e.txnId() >= 0 ? ", txn " + e.txnId() : "").append("</span>");
            }
            b.append("<tr data-seq=\"").append(e.commitSeq()).append("\" data-outcome=\"").append(e.outcome().name())
                    .append("\"><td class=\"nowrap\">").append(Html.time(e.at().toEpochMilli(), ctx.zone()))
                    .append("</td><td>").append(e.commitSeq()).append("</td><td>").append(Html.escape(e.binlogType()))
                    .append("</td><td><span class=\"k k-").append(outcome).append("\">").append(outcome.replace('_', ' '))
                    .append("</span></td><td class=\"nowrap\">").append(e.durationMs()).append(" ms</td><td>")
                    .append(detail).append("</td></tr>\n");
        }
        b.append("</tbody></table><div class=\"sub\">the newest ").append(entries.size())
                .append("; all of them: <code>ctl journal ").append(Html.escape(job.name()))
                .append("</code> or <code>GET /journal?name=...</code></div></section>\n");
    }

    private static void lagCard(StringBuilder b, JobHistory job) {
        JobSample s = job.latest();
        b.append("<section class=\"card wide\"><h3>Lag</h3>");
        if (s.lag().isPresent()) {
            LagPoint l = s.lag().get();
            b.append("<span class=\"lag\">").append(Html.number(l.lag())).append(" binlog").append(l.lag() == 1 ? "" : "s")
                    .append("</span> <span class=\"sub\">not applied yet, the oldest ")
                    .append(Html.span(Duration.ofSeconds(l.lagSeconds()))).append(" old</span>");
        } else {
            b.append("<span class=\"lag unknown\">unknown</span> <span class=\"sub\">")
                    .append(Html.escape(s.lagError())).append("</span>");
        }
        b.append("<div class=\"charts\"><figure><figcaption>binlogs behind</figcaption>")
                .append(LagChart.chart(job.lag(), LagPoint::lag, "binlogs", 520, 130))
                .append("</figure><figure><figcaption>seconds behind</figcaption>")
                .append(LagChart.chart(job.lag(), LagPoint::lagSeconds, "s", 520, 130)).append("</figure></div>")
                .append("</section>\n");
    }

    private static void errorCard(StringBuilder b, String name, JobError e, PageContext ctx) {
        b.append("<section class=\"card wide\" id=\"last-error\"><h3>Last error</h3><span class=\"err-code\">")
                .append(e.code().name()).append("</span> <span class=\"sub\">").append(e.code().type().name().toLowerCase(
                        Locale.ROOT)).append(" error, ").append(e.code().retriable() ? "retried by itself" : "not retried")
                .append("</span>");
        b.append("<pre class=\"msg\">").append(Html.escape(e.message())).append("</pre><dl class=\"kv\">");
        if (!e.step().isEmpty()) {
            kv(b, "step", "<code>" + Html.escape(e.step()) + "</code>");
        }
        if (e.commitSeq() >= 0) {
            kv(b, "binlog", Long.toString(e.commitSeq()));
        }
        kv(b, "count", e.count() + "× in a row");
        if (e.firstAtMs() > 0) {
            kv(b, "first", Html.time(e.firstAtMs(), ctx.zone()) + " <span class=\"sub\">("
                    + Html.relative(e.firstAtMs(), ctx.nowMs()) + ")</span>");
        }
        if (e.lastAtMs() > 0) {
            kv(b, "last", Html.time(e.lastAtMs(), ctx.zone()) + " <span class=\"sub\">("
                    + Html.relative(e.lastAtMs(), ctx.nowMs()) + ")</span>");
        }
        b.append("</dl>");
        if (!e.actions().isEmpty()) {
            b.append("<h3 style=\"margin-top:12px\">What you can do</h3><ul class=\"todo\">");
            for (String a : e.actions()) {
                b.append("<li>").append(Html.escape(a));
                how(a, name, e).ifPresent(h -> b.append(" <span class=\"how\">— <code>").append(Html.escape(h))
                        .append("</code></span>"));
                b.append("</li>");
            }
            b.append("</ul>");
        }
        b.append("</section>\n");
    }

    /** The request that carries out an action named after an operation (the action's first word). */
    static Optional<String> how(String action, String name, JobError e) {
        String op = action.split(" ", 2)[0];
        String job = "{\"name\": " + quote(name);
        return switch (op) {
            case "resume", "pause", "force_fullsync" -> Optional.of("POST /" + op + " " + job + "}");
            case "job_skip_binlog" -> Optional.of("POST /job_skip_binlog " + job + ", \"skip_by\": \"silence\""
                    + ", \"skip_commit_seq\": " + Math.max(e.commitSeq(), 0) + "}");
            default -> Optional.empty();
        };
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a string always serializes", ex);
        }
    }

    private static void history(StringBuilder b, JobHistory job, PageContext ctx) {
        List<HistoryEvent> events = job.events();
        b.append("<h3 class=\"section\">History</h3><section class=\"card tablecard\"><table class=\"events\" id=\"history\">")
                .append("<thead><tr><th>Time</th>")
                .append("<th>Event</th><th>What</th></tr></thead><tbody>\n");
        for (int i = events.size() - 1; i >= 0; i--) {
            HistoryEvent e = events.get(i);
            b.append("<tr><td class=\"nowrap\">").append(Html.time(e.atMs(), ctx.zone())).append(" <span class=\"sub\">")
                    .append(Html.relative(e.atMs(), ctx.nowMs())).append("</span></td><td>").append(kind(e.kind()))
                    .append("</td><td>").append(Html.escape(e.text())).append("</td></tr>\n");
        }
        if (events.isEmpty()) {
            b.append("<tr><td colspan=\"3\" class=\"none\">nothing yet</td></tr>\n");
        }
        b.append("</tbody></table></section>\n");
    }

    private static void kv(StringBuilder b, String key, String html) {
        b.append("<dt>").append(key).append("</dt><dd>").append(html).append("</dd>");
    }
}
