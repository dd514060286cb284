/**
 * A MySQL wire-protocol server for tests (the SQL side of the fake Doris FE), written from the
 * protocol specification: handshake v10, {@code mysql_native_password} (clients asking for
 * {@code caching_sha2_password} are switched to it), protocol 4.1, text result sets with typed
 * columns, OK/ERR, COM_PING/QUIT/INIT_DB/FIELD_LIST/RESET_CONNECTION. No SSL, no prepared
 * statements, no multi-statements. Connector plumbing ({@code SET}, {@code SELECT @@var}, {@code
 * SHOW VARIABLES}, {@code USE}) is answered built-in; everything else goes to a {@link
 * dev.dorisccr.testkit.mysql.QueryHandler}.
 *
 * <pre>{@code
 * ExecutorService executor = Executors.newCachedThreadPool();
 * QueryHandler handler = (session, sql) -> sql.equalsIgnoreCase("SHOW DATABASES")
 *         ? QueryResult.resultSet(Column.varchar("Database")).row("db1").build()
 *         : QueryResult.unknownStatement(sql);
 * try (MysqlProtocolServer server = MysqlProtocolServer.builder()
 *         .users(Users.of("root", "secret"))
 *         .handler(handler)
 *         .executor(executor)
 *         .start()) {
 *     Connection c = DriverManager.getConnection(server.jdbcUrl(""), "root", "secret");
 *     // ...
 * }
 * executor.shutdown();
 * }</pre>
 *
 * <p>Faults: wrap the handler with {@link dev.dorisccr.testkit.mysql.FaultInjectingHandler},
 * e.g. {@code FaultRule.dropConnection("^SHOW PROC", 0.2)} with a fixed seed.
 */
package dev.dorisccr.testkit.mysql;
