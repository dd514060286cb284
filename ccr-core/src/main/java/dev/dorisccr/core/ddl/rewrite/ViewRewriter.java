package dev.dorisccr.core.ddl.rewrite;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.lex.Token;
import java.util.List;

/**
 * CREATE VIEW: renames the view like a table and, when both the source and the target database
 * are known, points database-qualified references in the query ({@code src.t},
 * {@code internal.src.t}, {@code default_cluster:src.t}) at the target database.
 */
final class ViewRewriter {
    private static final String DEFAULT_CLUSTER = "default_cluster:";

    private ViewRewriter() {}

    static void rewrite(SignificantTokens s, int at, int end, RewriteOptions options, Edits edits,
            List<String> notes) {
        int i = at;
        if (s.isWord(i, "IF")) {
            s.expectWord(i + 1, "NOT");
            s.expectWord(i + 2, "EXISTS");
            i += 3;
        }
        int last = TableNames.rename(s, i, end, options, edits, notes);
        if (options.sourceDatabase().isEmpty() || options.targetDatabase().isEmpty()) {
            return;
        }
        String source = options.sourceDatabase().get().name();
        Identifier target = options.targetDatabase().get();
        if (source.equals(target.name())) {
            return;
        }
        int replaced = 0;
        for (int k = last + 1; k + 2 < end; k++) {
            Token t = s.get(k);
            if (!t.isName() || !s.isPunctuation(k + 1, '.') || !s.get(k + 2).isName()) {
                continue;
            }
            String value = t.value();
            boolean isSource = value.equals(source) || value.equals(DEFAULT_CLUSTER + source);
            boolean dbPosition = !s.isPunctuation(k - 1, '.')
                    || (k >= 2 && s.get(k - 2).isName() && s.get(k - 2).value().equalsIgnoreCase("internal"));
            if (isSource && dbPosition) {
                edits.replace(t.start(), t.end(), target.quoted());
                replaced++;
            }
        }
        if (replaced > 0) {
            notes.add("pointed " + replaced + " reference(s) to database " + source + " at " + target.name());
        }
    }
}
