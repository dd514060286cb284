package dev.dorisccr.server.view;

import dev.dorisccr.core.job.JobError;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/** The frame every status page shares (head, style, header, footer) and the pieces both pages draw. */
final class PageLayout {
    private static final String CSS = load("status-page.css");

    private PageLayout() {}

    static void open(StringBuilder b, PageContext ctx, StatusSnapshot snapshot, String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (ctx.refreshSeconds() > 0) {
            b.append("<meta http-equiv=\"refresh\" content=\"").append(ctx.refreshSeconds()).append("\">\n");
        }
        b.append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<header class=\"top\"><h1><a href=\"view\">Doris CCR syncer</a></h1>")
                .append("<span class=\"meta\">syncer <b>").append(Html.escape(ctx.syncer())).append("</b></span>")
                .append("<span class=\"meta\">version ").append(Html.escape(ctx.version())).append("</span>")
                .append("<span class=\"meta\" id=\"sampled\">");
        if (snapshot.atMs() == 0) {
            b.append("first sampling round pending");
        } else {
            b.append("sampled ").append(Html.clock(snapshot.atMs(), ctx.zone())).append(" (")
                    .append(Html.relative(snapshot.atMs(), ctx.nowMs())).append(")");
        }
        b.append("</span></header>\n<main>\n");
    }

    static void close(StringBuilder b, PageContext ctx, StatusSnapshot snapshot, String plainLinks) {
        b.append("<footer>Sampled every ").append(Html.span(snapshot.interval())).append("; ");
        if (ctx.refreshSeconds() > 0) {
            b.append("this page reloads every ").append(ctx.refreshSeconds()).append(" s (<a href=\"")
                    .append(plainLinks).append("refresh=0\">stop</a>). ");
        } else {
            b.append("automatic reload off. ");
        }
        b.append("Also as <a href=\"").append(plainLinks).append("type=table\">table</a>, <a href=\"")
                .append(plainLinks).append("type=raw\">raw</a>, <a href=\"").append(plainLinks)
                .append("type=json\">json</a>. Times in ").append(Html.escape(zoneName(ctx.zone()))).append(".</footer>\n")
                .append("</main>\n</body>\n</html>\n");
    }

    private static String zoneName(ZoneId zone) {
        String id = zone.normalized().getId();
        return id.equals("Z") ? "UTC" : id;
    }

    /** The coloured pill of a state. */
    static String pill(ObservedState s) {
        return "<span class=\"pill " + Html.stateClass(s) + "\">" + s.name().replace('_', ' ') + "</span>";
    }

    /** The line under the pill: detail, since when, retry schedule. */
    static String statusLine(ObservedStatus s, long nowMs) {
        StringBuilder b = new StringBuilder();
        if (!s.detail().isEmpty()) {
            b.append("<div class=\"sub\">").append(Html.escape(s.detail())).append("</div>");
        }
        if (s.sinceMs() > 0) {
            b.append("<div class=\"sub\">since ").append(Html.relative(s.sinceMs(), nowMs).replace(" ago", ""))
                    .append("</div>");
        }
        if (s.state() == ObservedState.BACKING_OFF) {
            b.append("<div class=\"sub\">attempt ").append(s.attempt());
            if (s.nextRetryAtMs() > 0) {
                b.append(s.nextRetryAtMs() > nowMs ? ", next try " + Html.relative(s.nextRetryAtMs(), nowMs)
                        : ", next try due");
            }
            b.append("</div>");
        }
        return b.toString();
    }

    /** What an error's count and times say: {@code 3× in CommitTxn (binlog 42), last 2 min ago}. */
    static String errorLine(JobError e, long nowMs) {
        StringBuilder b = new StringBuilder("<div class=\"sub\">").append(e.count()).append("×");
        if (!e.step().isEmpty()) {
            b.append(" in ").append(Html.escape(e.step()));
        }
        if (e.commitSeq() >= 0) {
            b.append(" (binlog ").append(e.commitSeq()).append(')');
        }
        if (e.lastAtMs() > 0) {
            b.append(", last ").append(Html.relative(e.lastAtMs(), nowMs));
        }
        return b.append("</div>").toString();
    }

    /** The operator's options for an error, as a list. */
    static String actions(JobError e) {
        if (e.actions().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<ul class=\"todo\" aria-label=\"what to do\">");
        e.actions().forEach(a -> b.append("<li>").append(Html.escape(a)).append("</li>"));
        return b.append("</ul>").toString();
    }

    private static String load(String name) {
        try (InputStream in = PageLayout.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + PageLayout.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
