package dev.dorisccr.core.ddl.rewrite;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.render.Sql;
import java.util.List;

/**
 * A rewritten statement and what the rewriter did or could not do, in order (for logs and the
 * CLI).
 *
 * @param sql the statement to run on the target
 * @param notes one line per change or caveat, e.g. {@code erased property storage_policy}
 */
public record RewriteResult(Sql sql, List<String> notes) {
    public RewriteResult {
        requireNonNull(sql, "sql is null");
        notes = List.copyOf(notes);
    }
}
