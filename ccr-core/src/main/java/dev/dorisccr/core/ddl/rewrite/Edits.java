package dev.dorisccr.core.ddl.rewrite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replacements of source spans, applied once at the end; everything else is copied as is. */
final class Edits {
    private record Edit(int start, int end, String replacement) {}

    private final List<Edit> edits = new ArrayList<>();

    void replace(int start, int end, String replacement) {
        edits.add(new Edit(start, end, replacement));
    }

    void insert(int at, String text) {
        edits.add(new Edit(at, at, text));
    }

    void delete(int start, int end) {
        edits.add(new Edit(start, end, ""));
    }

    String apply(String source) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        StringBuilder sb = new StringBuilder(source.length() + 64);
        int at = 0;
        for (Edit e : sorted) {
            if (e.start() < at) {
                throw new IllegalStateException("overlapping edits at offset " + e.start());
            }
            sb.append(source, at, e.start()).append(e.replacement());
            at = e.end();
        }
        return sb.append(source, at, source.length()).toString();
    }
}
