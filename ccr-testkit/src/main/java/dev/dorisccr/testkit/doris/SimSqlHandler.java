package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.mysql.MysqlProtocolServer;
import dev.dorisccr.testkit.mysql.QueryHandler;
import dev.dorisccr.testkit.mysql.QueryResult;
import dev.dorisccr.testkit.mysql.Session;
import dev.dorisccr.testkit.schema.DistributionDesc;
import dev.dorisccr.testkit.schema.PartitionDef;
import dev.dorisccr.testkit.schema.TableDef;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FE's MySQL-protocol SQL surface: the statements the syncer sends (SHOW PROC, BACKUP, SHOW
 * BACKUP/RESTORE, SHOW CREATE TABLE, DDL replay, desync) and what tests need (CREATE TABLE in Doris
 * syntax, INSERT, DELETE, SELECT through {@link QueryEngine}, CHECKSUM TABLE, SYNC). Errors answer
 * like Doris ({@code errCode = 2, detailMessage = ...}); an unknown statement gets a syntax error.
 */
final class SimSqlHandler implements QueryHandler {
    private static final Logger log = LoggerFactory.getLogger(SimSqlHandler.class);
    private final FakeDorisCluster cluster;
    private final ClusterCore core;
    private final SqlShows shows;
    private final DmlSql dml;
    private final Map<String, String> variables;

    SimSqlHandler(FakeDorisCluster cluster) {
        this.cluster = cluster;
        this.core = cluster.core();
        this.shows = new SqlShows(cluster, core);
        this.dml = new DmlSql(core);
        this.variables = sessionVariables(cluster.version());
    }

    /** The variables a new session of this cluster starts with ({@code @@version_comment} names the Doris version). */
    static Map<String, String> sessionVariables(DorisVersion version) {
        Map<String, String> vars = new java.util.HashMap<>(MysqlProtocolServer.defaultSessionVariables());
        vars.put("version", DorisVersion.MYSQL_SERVER_VERSION);
        vars.put("version_comment", version.versionComment());
        vars.put("enable_unique_key_partial_update", "false");
        vars.put("enable_insert_strict", "true");
        return Map.copyOf(vars);
    }

    @Override
    public QueryResult handle(Session session, String sql) {
        return execute(sql, session.database().orElse(""), session.variables());
    }

    /** Runs one statement with {@code currentDb} as the default database ("" for none). */
    QueryResult execute(String sql, String currentDb) {
        return execute(sql, currentDb, variables);
    }

    /** Runs one statement with the session's database ("" for none) and variables. */
    QueryResult execute(String sql, String currentDb, Map<String, String> sessionVariables) {
        try {
            try {
                return dispatch(new SqlCursor(sql), currentDb, sessionVariables);
            } catch (IllegalArgumentException e) {
                throw SimException.analysis(e.getMessage()); // a value the schema records refuse
            }
        } catch (SimException e) {
            log.debug("{}: {} -> {}", cluster.name(), sql, e.getMessage());
            String msg = e.getMessage().startsWith("errCode") ? e.getMessage() : "errCode = 2, detailMessage = " + e.getMessage();
            return QueryResult.error(e.mysqlCode(), e.mysqlCode() == 1064 ? "42000" : "HY000", msg);
        }
    }

    private QueryResult dispatch(SqlCursor c, String currentDb, Map<String, String> sessionVariables) {
        if (c.peekWord("SHOW") || c.peekWord("ADMIN") || c.peekWord("CHECKSUM")) {
            return shows.show(c, currentDb);
        }
        if (c.acceptWord("DESC") || c.acceptWord("DESCRIBE")) {
            return shows.describe(c, currentDb);
        }
        if (c.peekWord("SELECT")) {
            return select(c, currentDb, sessionVariables);
        }
        if (c.acceptWord("SYNC")) {
            c.expectEnd();
            return QueryResult.ok();
        }
        if (c.acceptWord("CREATE", "DATABASE")) {
            boolean ine = c.acceptWord("IF", "NOT", "EXISTS");
            String name = c.name();
            Map<String, String> props = c.acceptWord("PROPERTIES") ? c.properties() : Map.of();
            c.expectEnd();
            DorisNames.database(name, core.s.unicodeNameSupport);
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
            boolean unicode = core.s.unicodeNameSupport;
            DorisNames.table(def.name(), unicode);
            def.columns().forEach(col -> DorisNames.column(col.name(), unicode));
            def.partitionBy().partitions().forEach(pd -> DorisNames.partition(pd.name(), unicode));
            core.run(() -> core.catalog.createTable(core.s.db(dbOf(n, currentDb)), def, ine));
            return QueryResult.ok();
        }
        if (c.peekWord("CREATE", "VIEW") || c.peekWord("ALTER", "VIEW")) {
            return ViewSql.run(core, c, currentDb);
        }
        if (c.peekWord("CREATE", "MATERIALIZED", "VIEW") || c.peekWord("DROP", "MATERIALIZED", "VIEW")) {
            return MaterializedViewSql.run(core, c, currentDb);
        }
        if (c.acceptWord("CANCEL", "ALTER", "TABLE")) {
            AlterJob.Type type = c.acceptWord("COLUMN") ? AlterJob.Type.SCHEMA_CHANGE : null;
            if (type == null && (c.acceptWord("ROLLUP") || c.acceptWord("MATERIALIZED", "VIEW"))) {
                type = AlterJob.Type.ROLLUP;
            }
            if (type == null) {
                throw c.syntax("expected COLUMN, ROLLUP or MATERIALIZED VIEW");
            }
            c.word("FROM");
            String[] n = c.qualifiedName();
            c.expectEnd();
            AlterJob.Type t = type;
            core.run(() -> core.alterJobs.cancel(core.s.olapTable(core.s.db(dbOf(n, currentDb)), n[1]), t));
            return QueryResult.ok();
        }
        if (c.peekWord("DROP", "TABLE") || c.peekWord("DROP", "VIEW")) {
            c.next();
            boolean view = c.peekWord("VIEW");
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
            return dml.insert(c, currentDb, false, session(currentDb, sessionVariables));
        }
        if (c.acceptWord("INSERT", "OVERWRITE", "TABLE")) {
            return dml.insert(c, currentDb, true, session(currentDb, sessionVariables));
        }
        if (c.acceptWord("DELETE", "FROM")) {
            return dml.delete(c, currentDb, session(currentDb, sessionVariables));
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

    private SqlFunctions.Session session(String currentDb, Map<String, String> variables) {
        LocalDateTime now = LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(core.locked(core.s::nowMs)),
                ZoneOffset.UTC);
        return new SqlFunctions.Session(currentDb, now, variables);
    }

    private QueryResult select(SqlCursor c, String currentDb, Map<String, String> variables) {
        Query q = Query.parse(c);
        SqlFunctions.Session session = session(currentDb, variables);
        return core.locked(() -> new QueryEngine(core.s, core.data, session).run(q));
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
