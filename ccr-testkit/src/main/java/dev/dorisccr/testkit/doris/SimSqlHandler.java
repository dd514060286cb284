package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.mysql.Column;
import dev.dorisccr.testkit.mysql.QueryHandler;
import dev.dorisccr.testkit.mysql.QueryResult;
import dev.dorisccr.testkit.mysql.Session;
import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.DistributionDesc;
import dev.dorisccr.testkit.schema.PartitionDef;
import dev.dorisccr.testkit.schema.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FE's MySQL-protocol SQL surface: the statements the syncer sends (SHOW PROC, BACKUP, SHOW
 * BACKUP/RESTORE, SHOW CREATE TABLE, DDL replay, desync) and what tests need (CREATE TABLE in Doris
 * syntax, INSERT ... VALUES, DELETE, SELECT COUNT(*), SELECT *, CHECKSUM TABLE). Errors answer
 * like Doris ({@code errCode = 2, detailMessage = ...}); an unknown statement gets a syntax error.
 */
final class SimSqlHandler implements QueryHandler {
    private static final Logger log = LoggerFactory.getLogger(SimSqlHandler.class);
    private final FakeDorisCluster cluster;
    private final ClusterCore core;
    private final SqlShows shows;

    SimSqlHandler(FakeDorisCluster cluster) {
        this.cluster = cluster;
        this.core = cluster.core();
        this.shows = new SqlShows(cluster, core);
    }

    @Override
    public QueryResult handle(Session session, String sql) {
        return execute(sql, session.database().orElse(""));
    }

    /** Runs one statement with {@code currentDb} as the default database ("" for none). */
    QueryResult execute(String sql, String currentDb) {
        try {
            try {
                return dispatch(new SqlCursor(sql), currentDb);
            } catch (IllegalArgumentException e) {
                throw SimException.analysis(e.getMessage()); // a value the schema records refuse
            }
        } catch (SimException e) {
            log.debug("{}: {} -> {}", cluster.name(), sql, e.getMessage());
            String msg = e.getMessage().startsWith("errCode") ? e.getMessage() : "errCode = 2, detailMessage = " + e.getMessage();
            return QueryResult.error(e.mysqlCode(), e.mysqlCode() == 1064 ? "42000" : "HY000", msg);
        }
    }

    private QueryResult dispatch(SqlCursor c, String currentDb) {
        if (c.peekWord("SHOW") || c.peekWord("ADMIN") || c.peekWord("CHECKSUM")) {
            return shows.show(c, currentDb);
        }
        if (c.peekWord("SELECT")) {
            return select(c, currentDb);
        }
        if (c.acceptWord("CREATE", "DATABASE")) {
            boolean ine = c.acceptWord("IF", "NOT", "EXISTS");
            String name = c.name();
            Map<String, String> props = c.acceptWord("PROPERTIES") ? c.properties() : Map.of();
            c.expectEnd();
            core.run(() -> core.catalog.createDatabase(name, ine, props));
            return QueryResult.ok();
        }
        if (c.acceptWord("DROP", "DATABASE")) {
            boolean ie = c.acceptWord("IF", "EXISTS");
            String name = c.name();
            c.acceptWord("FORCE");
            c.expectEnd();
            core.run(() -> core.catalog.dropDatabase(name, ie));
            return QueryResult.ok();
        }
        if (c.acceptWord("ALTER", "DATABASE")) {
            String name = c.name();
            c.word("SET", "PROPERTIES");
            Map<String, String> props = c.properties();
            c.expectEnd();
            core.run(() -> core.catalog.alterDatabaseProperties(core.s.db(name), props));
            return QueryResult.ok();
        }
        if (c.acceptWord("CREATE", "TABLE")) {
            boolean ine = c.acceptWord("IF", "NOT", "EXISTS");
            String[] n = c.qualifiedName();
            TableDef def = CreateTableParser.parseBody(c, n[1]);
            core.run(() -> core.catalog.createTable(core.s.db(dbOf(n, currentDb)), def, ine));
            return QueryResult.ok();
        }
        if (c.peekWord("CREATE", "VIEW") || c.peekWord("ALTER", "VIEW")) {
            boolean create = c.acceptWord("CREATE", "VIEW");
            if (!create) {
                c.word("ALTER", "VIEW");
            }
            boolean ine = create && c.acceptWord("IF", "NOT", "EXISTS");
            String[] n = c.qualifiedName();
            if (c.peekPunct('(')) {
                c.nameList();
            }
            c.word("AS");
            String query = c.rest();
            String sql = c.sql();
            core.run(() -> {
                SimDatabase db = core.s.db(dbOf(n, currentDb));
                if (create) {
                    core.catalog.createView(db, n[1], query, ine, sql);
                } else {
                    core.catalog.alterView(db, n[1], query);
                }
            });
            return QueryResult.ok();
        }
        if (c.peekWord("DROP", "TABLE") || c.peekWord("DROP", "VIEW") || c.peekWord("DROP", "MATERIALIZED", "VIEW")) {
            c.next();
            boolean view = c.peekWord("VIEW");
            if (c.acceptWord("MATERIALIZED")) {
                throw SimException.analysis("materialized views are not simulated");
            }
            c.next();
            boolean ie = c.acceptWord("IF", "EXISTS");
            String[] n = c.qualifiedName();
            boolean force = c.acceptWord("FORCE");
            c.expectEnd();
            core.run(() -> core.catalog.dropTable(core.s.db(dbOf(n, currentDb)), n[1], ie, force, view));
            return QueryResult.ok();
        }
        if (c.acceptWord("ALTER", "TABLE")) {
            String[] n = c.qualifiedName();
            new AlterTableSql(core).alter(c, dbOf(n, currentDb), n[1]);
            return QueryResult.ok();
        }
        if (c.acceptWord("BUILD", "INDEX")) {
            String index = c.name();
            c.word("ON");
            String[] n = c.qualifiedName();
            List<String> parts = c.acceptWord("PARTITION") ? c.nameList() : List.of();
            c.expectEnd();
            core.run(() -> {
                SimDatabase db = core.s.db(dbOf(n, currentDb));
                core.catalog.buildIndex(db, core.s.olapTable(db, n[1]), index, parts);
            });
            return QueryResult.ok();
        }
        if (c.acceptWord("RECOVER", "TABLE")) {
            String[] n = c.qualifiedName();
            String as = c.acceptWord("AS") ? c.name() : "";
            c.expectEnd();
            core.run(() -> core.catalog.recoverTable(core.s.db(dbOf(n, currentDb)), n[1], as));
            return QueryResult.ok();
        }
        if (c.acceptWord("RECOVER", "PARTITION")) {
            String part = c.name();
            String as = c.acceptWord("AS") ? c.name() : "";
            c.word("FROM");
            String[] n = c.qualifiedName();
            c.expectEnd();
            core.run(() -> {
                SimDatabase db = core.s.db(dbOf(n, currentDb));
                core.catalog.recoverPartition(db, core.s.olapTable(db, n[1]), part, as);
            });
            return QueryResult.ok();
        }
        if (c.acceptWord("TRUNCATE", "TABLE")) {
            String[] n = c.qualifiedName();
            List<String> parts = List.of();
            if (c.acceptWord("PARTITION") || c.acceptWord("PARTITIONS")) {
                parts = c.nameList();
            }
            c.expectEnd();
            List<String> p = parts;
            core.run(() -> {
                SimDatabase db = core.s.db(dbOf(n, currentDb));
                core.catalog.truncate(db, core.s.olapTable(db, n[1]), p);
            });
            return QueryResult.ok();
        }
        if (c.acceptWord("INSERT", "INTO")) {
            return insert(c, currentDb, false);
        }
        if (c.acceptWord("INSERT", "OVERWRITE", "TABLE")) {
            return insert(c, currentDb, true);
        }
        if (c.acceptWord("DELETE", "FROM")) {
            return delete(c, currentDb);
        }
        if (c.acceptWord("BACKUP", "SNAPSHOT")) {
            return backup(c);
        }
        if (c.acceptWord("CANCEL", "BACKUP", "FROM")) {
            String name = c.name();
            core.run(() -> core.backups.cancel(core.s.db(name)));
            return QueryResult.ok();
        }
        if (c.acceptWord("CANCEL", "RESTORE", "FROM")) {
            String name = c.name();
            core.run(() -> core.restores.cancel(core.s.db(name)));
            return QueryResult.ok();
        }
        throw c.syntax("statement not supported by the simulator");
    }

    static String dbOf(String[] qualified, String currentDb) {
        String db = qualified[0].isEmpty() ? currentDb : qualified[0];
        if (db.isEmpty()) {
            throw new SimException("ANALYSIS_ERROR", 1046, "No database selected");
        }
        return db;
    }

    private QueryResult insert(SqlCursor c, String currentDb, boolean overwrite) {
        String[] n = c.qualifiedName();
        boolean temp = !overwrite && c.acceptWord("TEMPORARY");
        List<String> only = null;
        if (temp) {
            c.word("PARTITION");
            only = c.nameList();
        } else if (c.acceptWord("PARTITION")) {
            only = c.nameList();
        }
        List<String> partitions = only;
        List<String> cols = c.peekPunct('(') ? c.nameList() : null;
        c.word("VALUES");
        List<List<String>> values = new ArrayList<>();
        do {
            c.punct('(');
            List<String> row = new ArrayList<>();
            do {
                row.add(c.literal());
            } while (c.acceptPunct(','));
            c.punct(')');
            values.add(row);
        } while (c.acceptPunct(','));
        c.expectEnd();
        int count = core.locked(() -> {
            SimDatabase db = core.s.db(dbOf(n, currentDb));
            SimTable t = core.s.olapTable(db, n[1]);
            List<String> names = new ArrayList<>();
            if (cols == null) {
                t.def.columns().forEach(x -> names.add(x.name()));
            } else {
                names.addAll(cols);
            }
            List<Map<String, String>> rows = new ArrayList<>();
            for (List<String> v : values) {
                if (v.size() != names.size()) {
                    throw SimException.analysis("Column count doesn't match value count");
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    String col = names.get(i);
                    ColumnDef def = t.column(col).orElseThrow(() -> CatalogOps.unknownColumn(col, t));
                    row.put(def.name(), v.get(i));
                }
                rows.add(row);
            }
            if (overwrite) {
                core.catalog.overwrite(db, t, partitions, core.data, rows);
                return rows.size();
            }
            return core.data.insert(db, t, rows, partitions, temp);
        });
        return QueryResult.updated(count);
    }

    private QueryResult delete(SqlCursor c, String currentDb) {
        String[] n = c.qualifiedName();
        if (c.acceptWord("PARTITION")) {
            c.name();
        }
        c.word("WHERE");
        List<String[]> conds = new ArrayList<>();
        do {
            String col = c.name();
            StringBuilder op = new StringBuilder(c.next().text());
            if (c.peekPunct('=') || c.peekPunct('>')) {
                op.append(c.next().text());
            }
            String value = c.literal();
            String o = op.toString().equals("<>") ? "!=" : op.toString();
            conds.add(new String[] {col, o, value});
        } while (c.acceptWord("AND"));
        c.expectEnd();
        core.run(() -> {
            SimDatabase db = core.s.db(dbOf(n, currentDb));
            core.data.delete(db, core.s.olapTable(db, n[1]), conds);
        });
        return QueryResult.ok();
    }

    private QueryResult select(SqlCursor c, String currentDb) {
        c.word("SELECT");
        if (c.acceptWord("COUNT")) {
            c.punct('(');
            c.punct('*');
            c.punct(')');
            c.word("FROM");
            String[] n = c.qualifiedName();
            c.expectEnd();
            long count = core.locked(() -> (long) core.data.rows(core.s.olapTable(core.s.db(dbOf(n, currentDb)), n[1])).size());
            return QueryResult.resultSet(Column.bigint("count(*)")).row(count).build();
        }
        if (c.acceptWord("table_name", "FROM")) {
            return shows.informationSchemaViews(c);
        }
        if (c.acceptPunct('*')) {
            c.word("FROM");
            String[] n = c.qualifiedName();
            if (c.acceptWord("ORDER", "BY")) {
                do {
                    c.name();
                    if (!c.acceptWord("ASC")) {
                        c.acceptWord("DESC");
                    }
                } while (c.acceptPunct(','));
            }
            c.expectEnd();
            return core.locked(() -> {
                SimTable t = core.s.olapTable(core.s.db(dbOf(n, currentDb)), n[1]);
                List<Column> cols = new ArrayList<>();
                t.def.columns().forEach(x -> cols.add(Column.varchar(x.name())));
                List<List<String>> rows = core.data.rows(t);
                rows.sort(SimSqlHandler::compareRows);
                return new QueryResult.ResultSet(cols, rows);
            });
        }
        throw c.syntax("only SELECT COUNT(*), SELECT * and the information_schema view query are simulated");
    }

    static int compareRows(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            int r = x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y);
            if (r != 0) {
                return r;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private QueryResult backup(SqlCursor c) {
        String[] n = c.qualifiedName();
        if (n[0].isEmpty()) {
            throw c.syntax("BACKUP SNAPSHOT needs db.label");
        }
        c.word("TO");
        String repo = c.name();
        List<Backups.Target> targets = new ArrayList<>();
        if (c.acceptWord("ON")) {
            c.punct('(');
            do {
                String t = c.name();
                List<String> parts = List.of();
                if (c.acceptWord("PARTITION")) {
                    parts = c.nameList();
                }
                targets.add(new Backups.Target(t, parts));
            } while (c.acceptPunct(','));
            c.punct(')');
        }
        if (c.acceptWord("PROPERTIES")) {
            c.properties();
        }
        c.expectEnd();
        core.run(() -> core.backups.backup(core.s.db(n[0]), n[1], repo, targets, core.restores));
        return QueryResult.ok();
    }

    /** ALTER TABLE ... ADD PARTITION's optional distribution clause. */
    static Optional<DistributionDesc> optionalDistribution(SqlCursor c) {
        if (c.acceptWord("DISTRIBUTED", "BY")) {
            return Optional.of(CreateTableParser.distribution(c));
        }
        return Optional.empty();
    }

    static PartitionDef partition(SqlCursor c, boolean temp) {
        return CreateTableParser.partition(c, temp);
    }
}
