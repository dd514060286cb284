package dev.dorisccr.testkit.doris;

import dev.dorisccr.core.ddl.lex.TokenKind;
import dev.dorisccr.testkit.mysql.QueryResult;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code CREATE VIEW [IF NOT EXISTS] [db.]v [(c1 [COMMENT 'x'], c2, ...)] [COMMENT 'x'] AS SELECT ...}
 * and {@code ALTER VIEW [db.]v [(cols)] AS SELECT ...}, as Doris's CreateViewStmt / AlterViewStmt
 * analyse them: the query must run (unknown tables and columns are the query's errors), a column
 * list must have as many names as the query has outputs (1353), output names must be unique
 * (1060), and the stored definition is the query with the outermost select items aliased to the
 * listed names ({@code k AS `c1`}), so the names travel with the definition (binlogs, backups).
 * {@code SHOW CREATE VIEW} prints {@code CREATE VIEW `v` [COMMENT 'x'] AS def;} as Env.getDdlStmt.
 */
final class ViewSql {
    private ViewSql() {}

    /** One name of a view's column list. */
    record ViewColumn(String name, String comment) {}

    static QueryResult run(ClusterCore core, SqlCursor c, String currentDb) {
        boolean create = c.acceptWord("CREATE", "VIEW");
        if (!create) {
            c.word("ALTER", "VIEW");
        }
        boolean ine = create && c.acceptWord("IF", "NOT", "EXISTS");
        String[] n = c.qualifiedName();
        List<ViewColumn> cols = new ArrayList<>();
        if (c.acceptPunct('(')) {
            do {
                String name = c.name();
                String comment = c.acceptWord("COMMENT") ? c.string() : "";
                cols.add(new ViewColumn(name, comment));
            } while (c.acceptPunct(','));
            c.punct(')');
        }
        String comment = null;
        if (!create && c.peekWord("COMMENT")) {
            throw c.syntax("ALTER VIEW takes a column list and AS SELECT, not COMMENT");
        }
        if (c.acceptWord("COMMENT")) {
            if (c.peek() == null || c.peek().kind() != TokenKind.STRING) {
                throw c.syntax("expected a string after COMMENT");
            }
            comment = c.string();
        }
        c.word("AS");
        if (!c.peekWord("SELECT")) {
            throw c.syntax("expected SELECT");
        }
        String query = c.rest();
        String dbName = SimSqlHandler.dbOf(n, currentDb);
        String tableComment = comment;
        Map<String, String> comments = new java.util.LinkedHashMap<>();
        cols.forEach(col -> {
            if (!col.comment().isEmpty()) {
                comments.put(col.name(), col.comment());
            }
        });
        core.run(() -> {
            SimDatabase db = core.s.db(dbName);
            String def = definition(core, db, query, cols);
            if (create) {
                core.catalog.createView(db, n[1], def, tableComment == null ? "" : tableComment, comments, ine);
            } else {
                core.catalog.alterView(db, n[1], def, comments);
            }
        });
        return QueryResult.ok();
    }

    /** Analyses the query in {@code db} and answers the stored definition. */
    static String definition(ClusterCore core, SimDatabase db, String query, List<ViewColumn> cols) {
        Query q = Query.parse(new SqlCursor(query));
        QueryEngine.Table out = new QueryEngine(core.s, core.data, new SqlFunctions.Session(db.name,
                LocalDateTime.ofInstant(Instant.ofEpochMilli(core.s.nowMs()), ZoneOffset.UTC), Map.of())).execute(q, 1);
        List<String> names = new ArrayList<>(out.columns());
        if (!cols.isEmpty()) {
            if (cols.size() != out.columns().size()) {
                throw new SimException("ANALYSIS_ERROR", 1353,
                        "View's SELECT and view's field list have different column counts");
            }
            names.clear();
            cols.forEach(col -> names.add(col.name()));
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new SimException("ANALYSIS_ERROR", 1060, "Duplicate column name '" + name + "'");
            }
        }
        if (cols.isEmpty()) {
            return query;
        }
        if (q.items().stream().anyMatch(i -> i.expr() instanceof Expr.Star)) {
            throw SimException.analysis("a view column list over SELECT * is not simulated: name the columns");
        }
        List<int[]> spans = Query.itemSpans(query);
        StringBuilder sb = new StringBuilder(query.substring(0, spans.get(0)[0]));
        for (int i = 0; i < spans.size(); i++) {
            int[] span = spans.get(i);
            if (i > 0) {
                sb.append(query, spans.get(i - 1)[2], span[0]);
            }
            sb.append(query, span[0], span[1]).append(" AS ").append(DorisText.q(cols.get(i).name()));
        }
        sb.append(query.substring(spans.get(spans.size() - 1)[2]));
        return sb.toString();
    }

    /** Env.getDdlStmt of a view: {@code CREATE VIEW `v` [COMMENT 'x'] AS def;}. */
    static String ddl(SimTable v) {
        StringBuilder sb = new StringBuilder("CREATE VIEW ").append(DorisText.q(v.name));
        if (!v.viewComment.isBlank()) {
            sb.append(" COMMENT '").append(v.viewComment).append('\'');
        }
        return sb.append(" AS ").append(v.viewQuery).append(';').toString();
    }
}
