package dev.dorisccr.server.ctl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table: columns padded to their widest cell, two spaces apart, no trailing blanks.
 * Cells are made safe for a terminal: control characters (a newline in an error message, an escape
 * sequence in a job name) are shown as {@code \n} or {@code \xNN}, never sent as they are.
 */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;
    private final boolean header;

    private TextTable(int columns, boolean header) {
        this.columns = columns;
        this.header = header;
    }

    /** A table whose first row is {@code headers}. */
    static TextTable withHeaders(String... headers) {
        TextTable t = new TextTable(headers.length, true);
        t.rows.add(headers.clone());
        return t;
    }

    /** A two-column table of names and values, without a header. */
    static TextTable keyValues() {
        return new TextTable(2, false);
    }

    /** Adds a row; missing cells are empty, extra cells are an error. */
    TextTable row(String... cells) {
        if (cells.length > columns) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns + " columns");
        }
        String[] row = new String[columns];
        Arrays.fill(row, "");
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "" : safe(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** Data rows added so far (the header not counted). */
    int size() {
        return header ? rows.size() - 1 : rows.size();
    }

    /** The table, one line per row, each ending in a newline; "" when there are no rows at all. */
    String render() {
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - row[i].codePointCount(0, row[i].length()) + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** {@code text} with control characters escaped. */
    static String safe(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control && b == null) {
                b = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (b != null) {
                if (!control) {
                    b.append(c);
                } else if (c == '\n') {
                    b.append("\\n");
                } else if (c == '\t') {
                    b.append("\\t");
                } else if (c == '\r') {
                    b.append("\\r");
                } else {
                    b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                }
            }
        }
        return b == null ? text : b.toString();
    }
}
