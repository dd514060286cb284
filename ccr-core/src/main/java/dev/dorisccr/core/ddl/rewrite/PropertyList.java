package dev.dorisccr.core.ddl.rewrite;

import dev.dorisccr.core.ddl.lex.Token;
import dev.dorisccr.core.ddl.lex.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parenthesized {@code ("k" = "v", ...)} list: the table's PROPERTIES or a partition's,
 * index's or rollup's properties. Only the spans are kept; edits go through {@link Edits}.
 */
final class PropertyList {
    /** One {@code "key" = "value"} entry; {@code start()}/{@code end()} span key to value. */
    record Entry(String key, Token keyToken, Token valueToken) {
        int start() {
            return keyToken.start();
        }

        int end() {
            return valueToken.end();
        }
    }

    final int open;
    final int close;
    final List<Entry> entries;

    private PropertyList(int open, int close, List<Entry> entries) {
        this.open = open;
        this.close = close;
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses the group from the {@code (} at {@code open} to the {@code )} at {@code close} (token
     * indexes), or returns empty if it is not a property list (or is empty).
     */
    static Optional<PropertyList> parse(SignificantTokens s, int open, int close) {
        List<Entry> entries = new ArrayList<>();
        int i = open + 1;
        while (i < close) {
            if (i + 2 >= close) {
                return Optional.empty();
            }
            Token key = s.get(i);
            Token eq = s.get(i + 1);
            Token value = s.get(i + 2);
            if (key.kind() != TokenKind.STRING || !eq.isPunctuation('=') || value.kind() != TokenKind.STRING) {
                return Optional.empty();
            }
            entries.add(new Entry(key.value(), key, value));
            i += 3;
            if (i < close) {
                if (!s.isPunctuation(i, ',')) {
                    return Optional.empty();
                }
                i++;
                if (i == close) {
                    return Optional.empty();
                }
            }
        }
        return entries.isEmpty() ? Optional.empty() : Optional.of(new PropertyList(open, close, entries));
    }

    /** Source text between the first two entries if that is only a comma and whitespace. */
    Optional<String> separator(String source) {
        if (entries.size() < 2) {
            return Optional.empty();
        }
        String between = source.substring(entries.get(0).end(), entries.get(1).start());
        return between.strip().equals(",") ? Optional.of(between) : Optional.empty();
    }

    /**
     * Deletes the entries whose index is in {@code removed}, keeping the others' text and the
     * separators between them. Returns whether any entry is left; if none is, nothing is edited
     * and the caller decides what to do with the whole list.
     */
    boolean remove(List<Integer> removed, Edits edits) {
        if (removed.isEmpty()) {
            return true;
        }
        int firstKept = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (!removed.contains(i)) {
                firstKept = i;
                break;
            }
        }
        if (firstKept < 0) {
            return false;
        }
        if (firstKept > 0) {
            edits.delete(entries.get(0).start(), entries.get(firstKept).start());
        }
        for (int i = firstKept + 1; i < entries.size(); i++) {
            if (removed.contains(i)) {
                edits.delete(entries.get(i - 1).end(), entries.get(i).end());
            }
        }
        return true;
    }
}
