package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.DistributionDesc;
import dev.dorisccr.testkit.schema.IndexDef;
import dev.dorisccr.testkit.schema.PartitionDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ALTER TABLE t <clause>}: partitions, columns, renames, comments, properties, replace. */
final class AlterTableSql {
    private final ClusterCore core;

    AlterTableSql(ClusterCore core) {
        this.core = core;
    }

    void alter(SqlCursor c, String dbName, String table) {
        if (c.peekWord("ADD", "PARTITION") || c.peekWord("ADD", "TEMPORARY", "PARTITION")) {
            c.word("ADD");
            boolean temp = c.acceptWord("TEMPORARY");
            c.word("PARTITION");
            boolean ine = c.peekWord("IF", "NOT", "EXISTS");
            PartitionDef p = CreateTableParser.partition(c, temp);
            Optional<DistributionDesc> d = SimSqlHandler.optionalDistribution(c);
            c.expectEnd();
            DorisNames.partition(p.name(), core.s.unicodeNameSupport);
            on(dbName, table, (db, t) -> core.catalog.addPartition(db, t, p, d, ine));
            return;
        }
        if (c.peekWord("DROP", "PARTITION") || c.peekWord("DROP", "TEMPORARY", "PARTITION")) {
            c.word("DROP");
            boolean temp = c.acceptWord("TEMPORARY");
            c.word("PARTITION");
            boolean ie = c.acceptWord("IF", "EXISTS");
            String name = c.name();
            boolean force = c.acceptWord("FORCE");
            c.expectEnd();
            on(dbName, table, (db, t) -> core.catalog.dropPartition(db, t, name, temp, ie, force));
            return;
        }
        if (c.acceptWord("RENAME", "COLUMN")) {
            String a = c.name();
            String b = c.name();
            c.expectEnd();
            DorisNames.column(b, core.s.unicodeNameSupport);
            on(dbName, table, (db, t) -> core.catalog.renameColumn(db, t, a, b));
            return;
        }
        if (c.acceptWord("RENAME", "PARTITION")) {
            String a = c.name();
            String b = c.name();
            c.expectEnd();
            DorisNames.partition(b, core.s.unicodeNameSupport);
            on(dbName, table, (db, t) -> core.catalog.renamePartition(db, t, a, b));
            return;
        }
        if (c.acceptWord("RENAME", "ROLLUP")) {
            String a = c.name();
            String b = c.name();
            c.expectEnd();
            on(dbName, table, (db, t) -> new AlterOps(core).renameRollup(db, t, a, b));
            return;
        }
        if (c.acceptWord("RENAME")) {
            c.acceptWord("TABLE");
            String b = c.name();
            c.expectEnd();
            DorisNames.table(b, core.s.unicodeNameSupport);
            core.run(() -> {
                SimDatabase db = core.s.db(dbName);
                core.catalog.renameTable(db, core.s.table(db, table), b);
            });
            return;
        }
        int clauseStart = c.position();
        if (columnClause(c)) {
            List<SchemaChange.Clause> clauses = new ArrayList<>();
            do {
                clauses.add(columnClauseOf(c));
            } while (c.acceptPunct(','));
            c.expectEnd();
            for (SchemaChange.Clause cl : clauses) {
                if (cl instanceof SchemaChange.AddColumns add) {
                    add.columns().forEach(col -> DorisNames.column(col.name(), core.s.unicodeNameSupport));
                }
            }
            String clause = c.textFrom(clauseStart);
            on(dbName, table, (db, t) -> new SchemaChange(core.s, core.alterJobs, db, t).run(clauses, rawSql(db, t, clause)));
            return;
        }
        if (c.acceptWord("MODIFY", "COMMENT")) {
            String comment = c.string();
            c.expectEnd();
            on(dbName, table, (db, t) -> core.catalog.modifyTableComment(db, t, comment));
            return;
        }
        if (c.peekWord("MODIFY", "COLUMN") && c.peek(3) != null && c.peek(3).isWord("COMMENT")) {
            c.word("MODIFY", "COLUMN");
            String col = c.name();
            c.word("COMMENT");
            String comment = c.string();
            c.expectEnd();
            on(dbName, table, (db, t) -> core.catalog.modifyColumnComment(db, t, col, comment));
            return;
        }
        if (c.peekWord("ADD", "INDEX")) {
            List<IndexDef> adds = new ArrayList<>();
            do {
                c.word("ADD");
                adds.add(CreateTableParser.index(c));
            } while (c.acceptPunct(','));
            c.expectEnd();
            String clause = c.textFrom(clauseStart);
            on(dbName, table, (db, t) -> core.catalog.addInvertedIndexes(db, t, adds, rawSql(db, t, clause)));
            return;
        }
        if (c.peekWord("DROP", "INDEX")) {
            List<String> names = new ArrayList<>();
            do {
                c.word("DROP", "INDEX");
                c.acceptWord("IF", "EXISTS");
                names.add(c.name());
            } while (c.acceptPunct(','));
            c.expectEnd();
            String clause = c.textFrom(clauseStart);
            on(dbName, table, (db, t) -> core.catalog.dropIndexes(db, t, names, rawSql(db, t, clause)));
            return;
        }
        if (c.acceptWord("MODIFY", "PARTITION")) {
            List<String> names;
            if (c.peekPunct('(')) {
                c.punct('(');
                names = new ArrayList<>();
                if (c.acceptPunct('*')) {
                    names.add("*");
                } else {
                    do {
                        names.add(c.name());
                    } while (c.acceptPunct(','));
                }
                c.punct(')');
            } else {
                names = List.of(c.name());
            }
            c.word("SET");
            Map<String, String> props = c.properties();
            c.expectEnd();
            on(dbName, table, (db, t) -> core.catalog.modifyPartitions(db, t, names, props));
            return;
        }
        if (c.acceptWord("MODIFY", "DISTRIBUTION")) {
            c.word("DISTRIBUTED", "BY");
            DistributionDesc d = CreateTableParser.distribution(c);
            c.expectEnd();
            on(dbName, table, (db, t) -> core.catalog.modifyDistribution(db, t, d));
            return;
        }
        if (c.acceptWord("SET")) {
            Map<String, String> props = c.properties();
            c.expectEnd();
            on(dbName, table, (db, t) -> core.catalog.setProperties(db, t, props));
            return;
        }
        if (c.acceptWord("REPLACE", "WITH", "TABLE")) {
            String other = c.name();
            Map<String, String> props = c.acceptWord("PROPERTIES") ? c.properties() : Map.of();
            boolean force = c.acceptWord("FORCE");
            c.expectEnd();
            boolean swap = !"false".equalsIgnoreCase(props.getOrDefault("swap", "true"));
            core.run(() -> {
                SimDatabase db = core.s.db(dbName);
                SimTable t = core.s.olapTable(db, table);
                AlterJobs.checkNormal(t);
                core.catalog.replaceTable(db, t, core.s.olapTable(db, other), swap, force);
            });
            return;
        }
        if (c.acceptWord("REPLACE", "PARTITION")) {
            List<String> parts = c.nameList();
            c.word("WITH", "TEMPORARY", "PARTITION");
            List<String> temps = c.nameList();
            Map<String, String> props = c.acceptWord("PROPERTIES") ? c.properties() : Map.of();
            c.expectEnd();
            boolean strict = !"false".equalsIgnoreCase(props.getOrDefault("strict_range", "true"));
            boolean useTemp = "true".equalsIgnoreCase(props.getOrDefault("use_temp_partition_name", "false"));
            on(dbName, table, (db, t) -> core.catalog.replacePartitions(db, t, parts, temps, strict, useTemp));
            return;
        }
        if (c.acceptWord("ADD", "ROLLUP")) {
            String name = c.name();
            List<String> cols = c.nameList();
            c.expectEnd();
            String clause = c.textFrom(clauseStart);
            on(dbName, table, (db, t) -> new AlterOps(core).addRollup(db, t, name, cols, rawSql(db, t, clause)));
            return;
        }
        if (c.acceptWord("DROP", "ROLLUP")) {
            String name = c.name();
            c.expectEnd();
            on(dbName, table, (db, t) -> new AlterOps(core).dropRollup(db, t, name));
            return;
        }
        throw c.syntax("ALTER TABLE clause not supported by the simulator");
    }

    private static boolean columnClause(SqlCursor c) {
        boolean modifyComment = c.peekWord("MODIFY", "COLUMN") && c.peek(3) != null && c.peek(3).isWord("COMMENT");
        return c.peekWord("ADD", "COLUMN") || c.peekWord("DROP", "COLUMN") || c.peekWord("ORDER", "BY")
                || (c.peekWord("MODIFY", "COLUMN") && !modifyComment);
    }

    /** One of ADD COLUMN, DROP COLUMN, MODIFY COLUMN, ORDER BY (the target-rollup forms are not simulated). */
    private static SchemaChange.Clause columnClauseOf(SqlCursor c) {
        SchemaChange.Clause clause;
        if (c.acceptWord("ADD", "COLUMN")) {
            if (c.acceptPunct('(')) {
                List<ColumnDef> cols = new ArrayList<>();
                do {
                    cols.add(CreateTableParser.column(c));
                } while (c.acceptPunct(','));
                c.punct(')');
                clause = new SchemaChange.AddColumns(cols, SchemaChange.Position.NONE);
            } else {
                ColumnDef col = CreateTableParser.column(c);
                clause = new SchemaChange.AddColumns(List.of(col), position(c));
            }
        } else if (c.acceptWord("DROP", "COLUMN")) {
            clause = new SchemaChange.DropColumn(c.name());
        } else if (c.acceptWord("MODIFY", "COLUMN")) {
            ColumnDef col = CreateTableParser.column(c);
            clause = new SchemaChange.ModifyColumn(col, position(c));
        } else {
            c.word("ORDER", "BY");
            clause = new SchemaChange.OrderBy(c.nameList());
        }
        if (c.peekWord("TO") || c.peekWord("FROM") || c.peekWord("IN")) {
            throw c.syntax("a column clause on a rollup (TO / FROM / IN rollup) is not supported by the simulator");
        }
        if (c.peekWord("PROPERTIES")) {
            throw c.syntax("PROPERTIES on a column clause are not supported by the simulator");
        }
        return clause;
    }

    private static SchemaChange.Position position(SqlCursor c) {
        if (c.acceptWord("FIRST")) {
            return new SchemaChange.Position(true, "");
        }
        if (c.acceptWord("AFTER")) {
            return new SchemaChange.Position(false, c.name());
        }
        return SchemaChange.Position.NONE;
    }

    /** The rawSql Doris records: {@code ALTER TABLE `db`.`t` <clause>}. */
    private static String rawSql(SimDatabase db, SimTable t, String clause) {
        return "ALTER TABLE " + DorisText.q(db.name) + "." + DorisText.q(t.name) + " " + clause;
    }

    private interface TableAction {
        void apply(SimDatabase db, SimTable t);
    }

    /** Runs an ALTER on an OLAP table; every ALTER is refused while the table runs an alter job. */
    private void on(String dbName, String table, TableAction a) {
        core.run(() -> {
            SimDatabase db = core.s.db(dbName);
            SimTable t = core.s.olapTable(db, table);
            AlterJobs.checkNormal(t);
            a.apply(db, t);
        });
    }
}
