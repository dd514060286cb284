package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.SqlClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database ids of each cluster, shared by every job of a syncer: one {@code SHOW PROC '/dbs'}
 * lists every database of the cluster, so 1,000 jobs starting at once read it once instead of
 * 1,000 times (each read is as long as the cluster has databases, so reading it per job made a
 * restart quadratic). A list is used while it is younger than the time to live and newer than the
 * asker's last {@link ClusterIds#refresh()}; a database missing from it is read again before it is
 * called missing, unless the listing was read after the asker asked (then it has every database
 * created before: askers that miss at the same time share one read instead of reading one after the
 * other). Clusters are keyed by dialed FE address and user (what the user may see). Thread-safe; at
 * most one read per cluster at a time, and a database found in a fresh listing waits for none.
 */
final class DatabaseIds {
    /** How long a listing answers without being read again. */
    static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

    /** @param seq the number of the read, per cluster, counted when it started */
    private record Listing(long readAtMs, long seq, Map<String, Long> ids) {}

    private static final class Slot {
        /** Reads started so far; read without the lock by an asker as it arrives. */
        final AtomicLong readsStarted = new AtomicLong();
        /** Written under the lock, read without it by a hit: a read in progress never holds up a hit. */
        volatile Listing listing;
    }

    private final InstantSource clock;
    private final long ttlMs;
    private final ConcurrentMap<String, Slot> clusters = new ConcurrentHashMap<>();

    DatabaseIds(InstantSource clock, Duration ttl) {
        this.clock = requireNonNull(clock, "clock is null");
        this.ttlMs = requireNonNull(ttl, "ttl is null").toMillis();
    }

    static String key(ClusterSpec cluster) {
        return cluster.hostMapping().map(cluster.host()) + ":" + cluster.port() + "/" + cluster.user();
    }

    long now() {
        return clock.millis();
    }

    /**
     * The id of {@code database}, from a listing read after {@code notBeforeMs} (exclusive) and
     * within the time to live, or read now.
     *
     * @return empty when a fresh listing does not have it
     */
    OptionalLong dbId(String clusterKey, SqlClient sql, String database, long notBeforeMs) {
        Slot slot = clusters.computeIfAbsent(clusterKey, k -> new Slot());
        long startedBefore = slot.readsStarted.get(); // a read numbered above this began after this call
        Listing current = slot.listing;
        if (current != null && current.readAtMs() > notBeforeMs && clock.millis() - current.readAtMs() < ttlMs) {
            Long id = find(current.ids(), database);
            if (id != null) {
                return OptionalLong.of(id); // a hit: no lock, no wait for a read another asker runs
            }
        }
        synchronized (slot) {
            long now = clock.millis();
            Listing l = slot.listing;
            if (l != null && l.seq() > startedBefore && l.readAtMs() >= notBeforeMs) {
                // read while this asker waited: as new as a read of its own would be
                Long id = find(l.ids(), database);
                return id == null ? OptionalLong.empty() : OptionalLong.of(id);
            }
            if (l != null && l.readAtMs() > notBeforeMs && now - l.readAtMs() < ttlMs) {
                Long id = find(l.ids(), database);
                if (id != null) {
                    return OptionalLong.of(id);
                }
                // missing from a listing that may predate its CREATE: read again below
            }
            l = read(sql, now, slot.readsStarted.incrementAndGet());
            slot.listing = l;
            Long id = find(l.ids(), database);
            return id == null ? OptionalLong.empty() : OptionalLong.of(id);
        }
    }

    private static Long find(Map<String, Long> ids, String database) {
        Long id = ids.get(database);
        return id != null ? id : ids.get("default_cluster:" + database);
    }

    private static Listing read(SqlClient sql, long now, long seq) {
        Map<String, Long> ids = new HashMap<>();
        for (Map<String, String> row : sql.query(ClusterStatements.showDatabases())) {
            String name = row.getOrDefault("DbName", "");
            ids.putIfAbsent(name, ClusterIds.parse(row.get("DbId"), "DbId"));
        }
        return new Listing(now, seq, Map.copyOf(ids));
    }
}
