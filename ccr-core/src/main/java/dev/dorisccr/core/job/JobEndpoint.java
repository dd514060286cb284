package dev.dorisccr.core.job;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.ClusterSpec;

/**
 * One side of a job: the cluster and the database (and table, for a table job). The Go syncer's
 * {@code src}/{@code dest} spec without its computed fields (frontends, ids), which are observed
 * state and live in the progress.
 *
 * @param cluster how to reach the cluster
 * @param database database name, never blank
 * @param table table name, "" for a database job
 */
public record JobEndpoint(ClusterSpec cluster, String database, String table) {
    public JobEndpoint {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        if (database.isBlank()) {
            throw new IllegalArgumentException("database is blank");
        }
    }

    public boolean isTable() {
        return !table.isEmpty();
    }

    public JobEndpoint withCluster(ClusterSpec newCluster) {
        return new JobEndpoint(newCluster, database, table);
    }
}
