package dev.dorisccr.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.util.List;
import java.util.Properties;

/**
 * What differs between the store technologies: URLs and driver properties, the one-time
 * preparation (database or schema creation), the column types of the schema DDL ({@link SchemaDdl}) and the row-lock clause. All other SQL
 * is shared ({@link StoreSql}).
 */
sealed interface Dialect permits SqliteDialect, MysqlDialect, PostgresDialect {
    static Dialect of(StoreKind kind) {
        switch (kind) {
            case SQLITE3:
                return new SqliteDialect();
            case MYSQL:
                return new MysqlDialect();
            case POSTGRESQL:
                return new PostgresDialect();
        }
        throw new IllegalArgumentException("unknown kind " + kind);
    }

    /** The JDBC URL the pool connects to. */
    String poolUrl(StoreConfig config);

    /** Where the store is, without credentials, for error messages and logs. */
    String describe(StoreConfig config);

    Properties driverProperties(StoreConfig config);

    /** Creates what must exist before the pool can start (file directory, database, schema). */
    void prepare(StoreConfig config) throws java.sql.SQLException;

    void configurePool(HikariConfig pool, StoreConfig config);

    /** The dialect's column types and index form for the store's tables ({@link SchemaDdl}). */
    SchemaDdl schema();

    /** DDL of schema version 1, each statement idempotent ({@code IF NOT EXISTS}). */
    default List<String> schemaV1() {
        return schema().v1();
    }

    /**
     * DDL of schema version 2: the index of the lease round's hot queries (a syncer's leases by
     * owner and token). Idempotent: {@code IF NOT EXISTS}, or an error {@link
     * #isAlreadyThere(SQLException)} recognises.
     */
    default List<String> schemaV2() {
        return schema().v2();
    }

    /** Whether a migration statement failed only because what it creates exists already. */
    default boolean isAlreadyThere(java.sql.SQLException e) {
        return false;
    }

    /** DDL of schema version 3 (the apply journal), each statement idempotent. */
    default List<String> schemaV3() {
        return schema().v3();
    }

    /** The isolation level under which several SELECTs see one consistent snapshot. */
    int snapshotIsolation();

    /** Appended to a SELECT that must lock the rows it reads until commit. */
    String lockClause();
}
