package dev.dorisccr.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressStore;
import java.time.InstantSource;

/** The three JDBC ports over one HikariCP pool; made by {@link Stores#open}. */
final class JdbcMetadataStore implements MetadataStore {
    private final HikariDataSource pool;
    private final JdbcJobStore jobs;
    private final JdbcProgressStore progress;
    private final JdbcLeaseStore leases;
    private final String where;

    JdbcMetadataStore(HikariDataSource pool, Dialect dialect, SecretCodec codec, InstantSource clock, String where) {
        this.pool = pool;
        this.where = where;
        Transactor tx = new Transactor(pool, where, dialect.snapshotIsolation());
        StoreSql sql = new StoreSql(dialect);
        this.jobs = new JdbcJobStore(tx, sql, codec, clock);
        this.progress = new JdbcProgressStore(tx, sql, clock);
        this.leases = new JdbcLeaseStore(tx, sql);
    }

    @Override
    public JobStore jobs() {
        return jobs;
    }

    @Override
    public ProgressStore progress() {
        return progress;
    }

    @Override
    public LeaseStore leases() {
        return leases;
    }

    /** See {@link JdbcJobStore#reencrypt}. */
    int reencrypt(SecretCodec to) {
        return jobs.reencrypt(to);
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "JdbcMetadataStore[" + where + "]";
    }

    /** A connection of the pool, set up as the store's own (tests hold one to play a frozen syncer). */
    java.sql.Connection connection() throws java.sql.SQLException {
        return pool.getConnection();
    }
}
