/**
 * The metadata store over JDBC: SQLite (default, one file), MySQL/MariaDB and PostgreSQL, with
 * versioned migrations, bind parameters only, fencing-token leases and AES-GCM secrets at rest.
 *
 * <pre>{@code
 * StoreConfig config = StoreConfig.builder(StoreKind.MYSQL)
 *         .host("10.0.0.9").port(3306).user("ccr").password(Secret.of(pw)).build();
 * try (MetadataStore store = Stores.open(config)) {
 *     store.jobs().create("db1_sync", specJson, DesiredState.RUNNING, Map.of());
 * }
 * }</pre>
 */
package dev.dorisccr.store.jdbc;
