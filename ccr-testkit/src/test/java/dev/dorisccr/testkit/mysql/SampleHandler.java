package dev.dorisccr.testkit.mysql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny fake FE for the tests: a few fixed statements, everything else is unknown. */
final class SampleHandler implements SessionAwareHandler {
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger disconnects = new AtomicInteger();
    final Set<String> databases = ConcurrentHashMap.newKeySet();
    final Map<String, String> lastConnectAttributes = new ConcurrentHashMap<>();

    SampleHandler() {
        databases.add("db1");
        databases.add("information_schema");
    }

    @Override
    public QueryResult handle(Session session, String sql) {
        String upper = sql.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("SHOW DATABASES")) {
            QueryResult.ResultSetBuilder rs = QueryResult.resultSet(Column.varchar("Database"));
            databases.stream().sorted().forEach(rs::row);
            return rs.build();
        }
        if (upper.equals("SELECT TYPED")) {
            return QueryResult.resultSet(
                            Column.bigint("big"),
                            Column.of("small", ColumnType.INT),
                            Column.of("ratio", ColumnType.DOUBLE),
                            Column.of("at", ColumnType.DATETIME),
                            Column.of("day", ColumnType.DATE),
                            Column.of("amount", ColumnType.DECIMAL),
                            Column.of("flag", ColumnType.BOOLEAN),
                            Column.varchar("name"),
                            Column.of("body", ColumnType.TEXT))
                    .row(9_007_199_254_740_993L, 42, 0.5, LocalDateTime.of(2026, 1, 2, 3, 4, 5),
                            LocalDate.of(2026, 1, 2), new BigDecimal("12.50"), true, "ünïcode",
                            "long text")
                    .row(null, null, null, null, null, null, null, null, null)
                    .build();
        }
        if (upper.startsWith("INSERT")) {
            return QueryResult.updated(3).withLastInsertId(42);
        }
        if (upper.startsWith("SELECT SESSION_ID")) {
            return QueryResult.resultSet(Column.bigint("id")).row(session.id()).build();
        }
        if (upper.equals("FAIL")) {
            throw new IllegalStateException("handler bug");
        }
        return QueryResult.unknownStatement(sql);
    }

    @Override
    public void onConnect(Session session) {
        connects.incrementAndGet();
        lastConnectAttributes.putAll(session.connectAttributes());
    }

    @Override
    public void onDisconnect(Session session) {
        disconnects.incrementAndGet();
    }

    @Override
    public QueryResult onInitDb(Session session, String database) {
        return databases.contains(database) ? QueryResult.ok()
                : QueryResult.error(QueryResult.Error.ER_BAD_DB, "42000",
                        "Unknown database '" + database + "'");
    }
}
