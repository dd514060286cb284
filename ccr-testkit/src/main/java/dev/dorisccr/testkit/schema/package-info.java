/**
 * The simulated cluster's schema values: what a Doris {@code CREATE TABLE} declares (columns, key
 * model, partitioning, distribution, rollups, indexes, properties). The SQL parser produces them,
 * the catalog keeps them, the printer renders them back in Doris's {@code SHOW CREATE TABLE} form.
 *
 * <pre>{@code
 * TableDef t = ((SqlStatement.CreateTable) SqlParser.parse(sql)).table();
 * String again = DdlPrinter.createTable("db", t, false);
 * }</pre>
 */
package dev.dorisccr.testkit.schema;
