package dev.dorisccr.core.ddl.rewrite;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/** Reads the name after CREATE TABLE/VIEW and renames it for the target. */
final class TableNames {
    private TableNames() {}

    /**
     * Reads a name of one to three parts ({@code [catalog.][db.]name}) starting at token
     * {@code i}, records its rename if the options ask for one, and returns the index of its last
     * token.
     */
    static int rename(SignificantTokens s, int i, int end, RewriteOptions options, Edits edits,
            List<String> notes) {
        List<Integer> parts = new ArrayList<>();
        int k = i;
        while (true) {
            if (k >= end || !s.get(k).isName()) {
                throw s.error(k, "expected a table or view name" + s.describe(k));
            }
            parts.add(k);
            if (parts.size() < 3 && s.isPunctuation(k + 1, '.') && k + 2 < end) {
                k += 2;
            } else {
                break;
            }
        }
        int last = parts.get(parts.size() - 1);
        if (options.targetDatabase().isEmpty() && options.targetTable().isEmpty()) {
            return last;
        }
        String oldText = s.source.substring(s.get(i).start(), s.get(last).end());
        Identifier table = options.targetTable().orElse(Identifier.of(s.get(last).value()));
        String rendered;
        if (options.targetDatabase().isPresent()) {
            rendered = new QualifiedName(options.targetDatabase().get(), table).quoted();
        } else if (parts.size() > 1) {
            Identifier db = Identifier.of(s.get(parts.get(parts.size() - 2)).value());
            rendered = new QualifiedName(db, table).quoted();
        } else {
            rendered = table.quoted();
        }
        edits.replace(s.get(i).start(), s.get(last).end(), rendered);
        notes.add("renamed " + oldText + " -> " + rendered);
        return last;
    }
}
