package dev.dorisccr.core.ddl.render;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import java.util.List;
import java.util.Map;

/**
 * Small DDL statements the syncer replays on the target, built from typed names and values only.
 * Drops use {@code IF EXISTS} so that a replay after a crash is harmless.
 *
 * <pre>{@code
 * Sql sql = Statements.dropPartition(QualifiedName.of("db", "t"), Identifier.of("p1"), false, false);
 * // ALTER TABLE `db`.`t` DROP PARTITION IF EXISTS `p1`
 * }</pre>
 */
public final class Statements {
    private Statements() {}

    /** {@code ALTER TABLE t ADD [TEMPORARY] PARTITION [IF NOT EXISTS] p VALUES ...}. */
    public static Sql addPartition(QualifiedName table, Identifier partition, PartitionBound bound, boolean temporary) {
        requireNonNull(bound, "bound is null");
        SqlBuilder b = alterTable(table).keyword("ADD");
        if (temporary) {
            b.keyword("TEMPORARY");
        }
        b.keyword("PARTITION");
        if (!temporary) {
            b.keyword("IF NOT EXISTS");
        }
        b.name(partition);
        if (bound instanceof PartitionBound.LessThan lessThan) {
            b.keyword("VALUES LESS THAN ").values(lessThan.values(), true);
        } else if (bound instanceof PartitionBound.Range range) {
            b.keyword("VALUES [").values(range.lower(), false).raw(", ").values(range.upper(), false).raw(")");
        } else if (bound instanceof PartitionBound.In in) {
            b.keyword("VALUES IN (");
            for (int i = 0; i < in.tuples().size(); i++) {
                if (i > 0) {
                    b.raw(", ");
                }
                b.values(in.tuples().get(i), false);
            }
            b.raw(")");
        } else {
            throw new IllegalArgumentException("unknown partition bound " + bound.getClass().getName());
        }
        return Sql.of(b.build());
    }

    /** {@code ALTER TABLE t DROP [TEMPORARY] PARTITION IF EXISTS p [FORCE]}. */
    public static Sql dropPartition(QualifiedName table, Identifier partition, boolean temporary, boolean force) {
        SqlBuilder b = alterTable(table).keyword("DROP");
        if (temporary) {
            b.keyword("TEMPORARY");
        }
        b.keyword("PARTITION IF EXISTS").name(partition);
        if (force) {
            b.keyword("FORCE");
        }
        return Sql.of(b.build());
    }

    /** {@code ALTER TABLE t RENAME new_name}. */
    public static Sql renameTable(QualifiedName table, Identifier newName) {
        return Sql.of(alterTable(table).keyword("RENAME").name(newName).build());
    }

    /** {@code ALTER TABLE t RENAME COLUMN old new}. */
    public static Sql renameColumn(QualifiedName table, Identifier oldName, Identifier newName) {
        return Sql.of(alterTable(table).keyword("RENAME COLUMN").name(oldName).name(newName).build());
    }

    /** {@code ALTER TABLE t RENAME PARTITION old new}. */
    public static Sql renamePartition(QualifiedName table, Identifier oldName, Identifier newName) {
        return Sql.of(alterTable(table).keyword("RENAME PARTITION").name(oldName).name(newName).build());
    }

    /** {@code ALTER TABLE t RENAME ROLLUP old new}. */
    public static Sql renameRollup(QualifiedName table, Identifier oldName, Identifier newName) {
        return Sql.of(alterTable(table).keyword("RENAME ROLLUP").name(oldName).name(newName).build());
    }

    /** {@code ALTER TABLE t MODIFY COMMENT "..."}. */
    public static Sql modifyTableComment(QualifiedName table, String comment) {
        return Sql.of(alterTable(table).keyword("MODIFY COMMENT").literal(comment).build());
    }

    /** {@code ALTER TABLE t REPLACE WITH TABLE other PROPERTIES ("swap" = "true|false")}. */
    public static Sql replaceTable(QualifiedName table, Identifier other, boolean swap) {
        return Sql.of(alterTable(table).keyword("REPLACE WITH TABLE").name(other).keyword("PROPERTIES")
                .properties(List.of(Map.entry("swap", Boolean.toString(swap)))).build());
    }

    /** {@code TRUNCATE TABLE t [PARTITION (p1, p2)]}; an empty list truncates the whole table. */
    public static Sql truncate(QualifiedName table, List<Identifier> partitions) {
        List<Identifier> copy = List.copyOf(partitions);
        SqlBuilder b = new SqlBuilder().keyword("TRUNCATE TABLE").name(requireNonNull(table, "table is null"));
        if (!copy.isEmpty()) {
            b.keyword("PARTITION").names(copy);
        }
        return Sql.of(b.build());
    }

    /** {@code DROP TABLE IF EXISTS t [FORCE]}. */
    public static Sql dropTable(QualifiedName table, boolean force) {
        SqlBuilder b = new SqlBuilder().keyword("DROP TABLE IF EXISTS").name(requireNonNull(table, "table is null"));
        if (force) {
            b.keyword("FORCE");
        }
        return Sql.of(b.build());
    }

    /** {@code DROP VIEW IF EXISTS v}. */
    public static Sql dropView(QualifiedName view) {
        return Sql.of(new SqlBuilder().keyword("DROP VIEW IF EXISTS").name(requireNonNull(view, "view is null")).build());
    }

    /** {@code CREATE DATABASE IF NOT EXISTS db}. */
    public static Sql createDatabase(Identifier database) {
        return Sql.of(new SqlBuilder().keyword("CREATE DATABASE IF NOT EXISTS")
                .name(requireNonNull(database, "database is null")).build());
    }

    private static SqlBuilder alterTable(QualifiedName table) {
        return new SqlBuilder().keyword("ALTER TABLE").name(requireNonNull(table, "table is null"));
    }
}
