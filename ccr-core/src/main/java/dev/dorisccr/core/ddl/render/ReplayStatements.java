package dev.dorisccr.core.ddl.render;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import dev.dorisccr.core.ddl.lex.DorisLexer;
import dev.dorisccr.core.ddl.lex.Token;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Statements rebuilt from a source binlog's SQL text for the target: the table reference of an
 * {@code ALTER TABLE} is replaced with the target's (token edit, the rest kept byte for byte), an
 * ADD_PARTITION clause gets the table and its distribution, comments are rendered as literals.
 */
public final class ReplayStatements {
    private ReplayStatements() {}

    /**
     * {@code rawSql} is {@code ALTER TABLE [db.]t <clause>} from the source; answers {@code ALTER
     * TABLE target <clause>}.
     */
    public static Sql alterTableRaw(QualifiedName target, String rawSql) {
        requireNonNull(target, "target is null");
        List<Token> sig = significant(rawSql);
        if (sig.size() < 4 || !sig.get(0).isWord("ALTER") || !sig.get(1).isWord("TABLE") || !sig.get(2).isName()) {
            throw malformed(rawSql, "expected ALTER TABLE <name> <clause>");
        }
        int clause = 3;
        if (sig.get(3).isPunctuation('.')) {
            if (sig.size() < 6 || !sig.get(4).isName()) {
                throw malformed(rawSql, "expected a table name after the database");
            }
            clause = 5;
        }
        String rest = trimSemicolon(rawSql.substring(sig.get(clause).start()));
        return Sql.of("ALTER TABLE " + target.quoted() + " " + rest);
    }

    /**
     * The ADD_PARTITION record's {@code sql} ({@code ADD [TEMPORARY] PARTITION p VALUES ...}) as an
     * ALTER TABLE on the target with the partition's distribution: a {@code BUCKETS AUTO} tail is
     * cut, and {@code DISTRIBUTED BY HASH(cols)|RANDOM BUCKETS n} appended when absent.
     */
    public static Sql addPartition(QualifiedName target, String partitionSql, String kind, List<String> columns,
            long buckets) {
        requireNonNull(target, "target is null");
        String sql = trimSemicolon(partitionSql);
        List<Token> sig = significant(sql);
        if (sig.isEmpty() || !sig.get(0).isWord("ADD")) {
            throw malformed(partitionSql, "expected ADD [TEMPORARY] PARTITION");
        }
        boolean distributed = false;
        int autoAt = -1;
        for (int i = 0; i + 1 < sig.size(); i++) {
            if (sig.get(i).isWord("DISTRIBUTED") && sig.get(i + 1).isWord("BY")) {
                distributed = true;
            }
            if (sig.get(i).isWord("BUCKETS") && sig.get(i + 1).isWord("AUTO")) {
                autoAt = sig.get(i).start();
            }
        }
        if (autoAt >= 0) {
            sql = sql.substring(0, autoAt).trim();
            distributed = false;
            int cut = indexOfWords(significant(sql), "DISTRIBUTED", "BY");
            if (cut >= 0) {
                sql = sql.substring(0, cut).trim();
            }
        }
        StringBuilder b = new StringBuilder("ALTER TABLE ").append(target.quoted()).append(' ').append(sql);
        if (!distributed) {
            if ("RANDOM".equalsIgnoreCase(kind)) {
                b.append(" DISTRIBUTED BY RANDOM");
            } else {
                List<String> cols = new ArrayList<>();
                columns.forEach(c -> cols.add(Identifier.of(c).quoted()));
                b.append(" DISTRIBUTED BY HASH(").append(String.join(", ", cols)).append(')');
            }
            if (buckets > 0) {
                b.append(" BUCKETS ").append(buckets);
            }
        }
        return Sql.of(b.toString());
    }

    /** {@code ALTER TABLE t MODIFY COLUMN c COMMENT "..."} for each column. */
    public static List<Sql> modifyColumnComments(QualifiedName table, Map<String, String> comments) {
        List<Sql> out = new ArrayList<>();
        comments.forEach((col, comment) -> out.add(Sql.of(new SqlBuilder().keyword("ALTER TABLE").name(table)
                .keyword("MODIFY COLUMN").name(Identifier.of(col)).keyword("COMMENT").literal(comment).build())));
        return out;
    }

    /**
     * An inverted index to add: name, columns, properties and comment as the binlog has them.
     */
    public record InvertedIndex(String name, List<String> columns, Map<String, String> properties, String comment) {
        public InvertedIndex {
            requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
            properties = new java.util.TreeMap<>(properties);
            requireNonNull(comment, "comment is null");
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("index " + name + " has no columns");
            }
        }
    }

    /** {@code ALTER TABLE t ADD INDEX `i` (`c`) USING INVERTED [PROPERTIES (...)] [COMMENT "..."], ...}. */
    public static Sql addInvertedIndexes(QualifiedName table, List<InvertedIndex> indexes) {
        if (indexes.isEmpty()) {
            throw new IllegalArgumentException("no index to add");
        }
        SqlBuilder b = new SqlBuilder().keyword("ALTER TABLE").name(table);
        for (int i = 0; i < indexes.size(); i++) {
            InvertedIndex x = indexes.get(i);
            if (i > 0) {
                b.raw(",");
            }
            b.keyword("ADD INDEX").name(Identifier.of(x.name()))
                    .names(x.columns().stream().map(Identifier::of).toList()).keyword("USING INVERTED");
            if (!x.properties().isEmpty()) {
                b.keyword("PROPERTIES").properties(List.copyOf(x.properties().entrySet()));
            }
            if (!x.comment().isEmpty()) {
                b.keyword("COMMENT").literal(x.comment());
            }
        }
        return Sql.of(b.build());
    }

    /** {@code ALTER TABLE t DROP INDEX `a`, DROP INDEX `b`}. */
    public static Sql dropIndexes(QualifiedName table, List<Identifier> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no index to drop");
        }
        SqlBuilder b = new SqlBuilder().keyword("ALTER TABLE").name(table);
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                b.raw(",");
            }
            b.keyword("DROP INDEX").name(names.get(i));
        }
        return Sql.of(b.build());
    }

    /** {@code BUILD INDEX `i` ON `db`.`t` [PARTITION (`p`)]}. */
    public static Sql buildIndex(Identifier index, QualifiedName table, List<Identifier> partitions) {
        SqlBuilder b = new SqlBuilder().keyword("BUILD INDEX").name(index).keyword("ON").name(table);
        if (!partitions.isEmpty()) {
            b.keyword("PARTITION").names(partitions);
        }
        return Sql.of(b.build());
    }

    /**
     * {@code ALTER TABLE t MODIFY DISTRIBUTION DISTRIBUTED BY HASH(`a`) | RANDOM BUCKETS n | AUTO}:
     * the bucket number new partitions get.
     */
    public static Sql modifyDistribution(QualifiedName table, List<Identifier> hashColumns, long buckets,
            boolean autoBucket) {
        if (!autoBucket && buckets < 1) {
            throw new IllegalArgumentException("bucket number " + buckets + " < 1");
        }
        SqlBuilder b = new SqlBuilder().keyword("ALTER TABLE").name(table).keyword("MODIFY DISTRIBUTION DISTRIBUTED BY");
        if (hashColumns.isEmpty()) {
            b.keyword("RANDOM");
        } else {
            b.keyword("HASH").names(hashColumns);
        }
        b.keyword("BUCKETS").keyword(autoBucket ? "AUTO" : Long.toString(buckets));
        return Sql.of(b.build());
    }

    /** {@code ALTER TABLE t SET ("distribution_type" = "random")}. */
    public static Sql randomDistribution(QualifiedName table) {
        return Sql.of(new SqlBuilder().keyword("ALTER TABLE").name(table).keyword("SET")
                .properties(List.of(Map.entry("distribution_type", "random"))).build());
    }

    /** {@code ALTER TABLE t DROP ROLLUP r}. */
    public static Sql dropRollup(QualifiedName table, Identifier rollup) {
        return Sql.of(new SqlBuilder().keyword("ALTER TABLE").name(table).keyword("DROP ROLLUP").name(rollup).build());
    }

    /** The {@code CREATE VIEW} of a CREATE_TABLE record of a view, with the source db renamed. */
    public static Sql createView(String sql) {
        return Sql.of(trimSemicolon(sql));
    }

    /**
     * {@code ALTER VIEW} from the rewritten {@code CREATE VIEW} of the same definition (the
     * rewriter points the view and its database-qualified references at the target).
     */
    public static Sql alterView(Sql createView) {
        String text = createView.text();
        List<Token> sig = significant(text);
        if (sig.size() < 2 || !sig.get(0).isWord("CREATE") || !sig.get(1).isWord("VIEW")) {
            throw new IllegalArgumentException("not a CREATE VIEW: " + text);
        }
        return Sql.of("ALTER" + text.substring(sig.get(0).end()));
    }

    private static int indexOfWords(List<Token> sig, String a, String b) {
        for (int i = 0; i + 1 < sig.size(); i++) {
            if (sig.get(i).isWord(a) && sig.get(i + 1).isWord(b)) {
                return sig.get(i).start();
            }
        }
        return -1;
    }

    private static List<Token> significant(String sql) {
        List<Token> out = new ArrayList<>();
        for (Token t : DorisLexer.tokenize(sql)) {
            if (t.kind().significant()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String trimSemicolon(String s) {
        String t = s.trim();
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        return t;
    }

    private static CcrException malformed(String sql, String why) {
        return new CcrException(ErrorCode.MALFORMED_BINLOG, "cannot replay " + sql + ": " + why);
    }
}
