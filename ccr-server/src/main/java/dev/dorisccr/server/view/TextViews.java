package dev.dorisccr.server.view;

import dev.dorisccr.core.job.JobError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /view?type=table} and {@code type=raw}: the Go syncer's columns in its order, then ours
 * (desired state, observed status, last error). {@code table} draws a boxed table with a line
 * between rows as the Go syncer's {@code tablewriter} does; {@code raw} writes one tab-separated
 * line per job under a header line. Tabs and line breaks inside values become spaces.
 */
final class TextViews {
    static final List<String> HEADER = List.of("Job Name", "Type", "Lag", "Lag(Secs)", "Sync State", "Sub Sync State",
            "Last Fullsync Time", "Last Fullsync Reason", "Is Hostmapping", "Other Args", "Desired", "Status",
            "Last Error");
    /** Longest error text in a table cell. */
    static final int TABLE_ERROR = 80;

    private TextViews() {}

    /** The values of one job, in {@link #HEADER} order. */
    static List<String> row(JobSample s, int errorWidth) {
        List<String> r = new ArrayList<>(HEADER.size());
        r.add(s.name());
        r.add(s.type());
        r.add(s.lag().map(l -> Long.toString(l.lag())).orElse("?"));
        r.add(s.lag().map(l -> Long.toString(l.lagSeconds())).orElse("?"));
        r.add(s.syncState());
        r.add(s.subSyncState());
        r.add(Long.toString(s.fullSyncStartAtSeconds()));
        r.add(s.fullSyncReason());
        r.add(Boolean.toString(s.hostMapping()));
        r.add("");
        r.add(s.desired().name());
        r.add(HistoryEvents.describe(s.observed()));
        r.add(s.observed().error().map(e -> error(e, errorWidth)).orElse(""));
        r.replaceAll(TextViews::flat);
        return r;
    }

    private static String error(JobError e, int width) {
        return HistoryEvents.truncate(e.code() + " x" + e.count() + ": " + e.message(), width);
    }

    static String table(StatusSnapshot snapshot) {
        List<List<String>> rows = new ArrayList<>();
        snapshot.jobs().forEach(j -> rows.add(row(j.latest(), TABLE_ERROR)));
        return box(HEADER, rows);
    }

    static String raw(StatusSnapshot snapshot) {
        StringBuilder b = new StringBuilder(String.join("\t", HEADER)).append('\n');
        snapshot.jobs().forEach(j -> b.append(String.join("\t", row(j.latest(), HistoryEvents.MAX_MESSAGE))).append('\n'));
        return b.toString();
    }

    /** One job: its fields as a two-column table, then its events, newest first. */
    static String jobTable(JobHistory job) {
        List<String> values = row(job.latest(), HistoryEvents.MAX_MESSAGE);
        List<List<String>> fields = new ArrayList<>();
        for (int i = 0; i < HEADER.size(); i++) {
            fields.add(List.of(HEADER.get(i), values.get(i)));
        }
        List<List<String>> events = new ArrayList<>();
        for (int i = job.events().size() - 1; i >= 0; i--) {
            HistoryEvent e = job.events().get(i);
            events.add(List.of(Instant.ofEpochMilli(e.atMs()).toString(), e.kind().name(), flat(e.text())));
        }
        return box(List.of("Field", "Value"), fields) + "\n" + box(List.of("Time", "Event", "What"), events);
    }

    /** One job's events, newest first, tab-separated under a header line. */
    static String jobRaw(JobHistory job) {
        StringBuilder b = new StringBuilder(String.join("\t", HEADER)).append('\n')
                .append(String.join("\t", row(job.latest(), HistoryEvents.MAX_MESSAGE))).append("\n\ntime\tevent\twhat\n");
        for (int i = job.events().size() - 1; i >= 0; i--) {
            HistoryEvent e = job.events().get(i);
            b.append(Instant.ofEpochMilli(e.atMs())).append('\t').append(e.kind()).append('\t')
                    .append(flat(e.text())).append('\n');
        }
        return b.toString();
    }

    static String box(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder line = new StringBuilder("+");
        for (int w : width) {
            line.append("-".repeat(w + 2)).append('+');
        }
        line.append('\n');
        StringBuilder b = new StringBuilder(line);
        cells(b, header.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList(), width);
        b.append(line);
        for (List<String> r : rows) {
            cells(b, r, width);
            b.append(line);
        }
        return b.toString();
    }

    private static void cells(StringBuilder b, List<String> values, int[] width) {
        b.append('|');
        for (int i = 0; i < width.length; i++) {
            String v = values.get(i);
            b.append(' ').append(v).append(" ".repeat(width[i] - v.length() + 1)).append('|');
        }
        b.append('\n');
    }

    /** {@code s} on one line: every control character (tab, line break) becomes a space. */
    static String flat(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString();
    }
}
