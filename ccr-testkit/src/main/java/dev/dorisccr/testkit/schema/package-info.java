/**
 * The simulated cluster's schema values: what a Doris {@code CREATE TABLE} declares (columns, key
 * model, partitioning, distribution, rollups, indexes, properties). The simulated cluster's SQL
 * parser produces them, its catalog keeps them and renders them back in Doris's
 * {@code SHOW CREATE TABLE} form; tests read and compare them through
 * {@link dev.dorisccr.testkit.doris.FakeDorisCluster}.
 *
 * <pre>{@code
 * cluster.sql("CREATE TABLE db.t (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
 * TableDef t = cluster.tableDef("db", "t");
 * other.createTable("db", t);
 * assertThat(other.tableDef("db", "t").columns()).isEqualTo(t.columns());
 * }</pre>
 */
package dev.dorisccr.testkit.schema;
