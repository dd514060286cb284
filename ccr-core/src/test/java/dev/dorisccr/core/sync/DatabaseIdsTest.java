package dev.dorisccr.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseIdsTest {
    private long nowMs = 1_000;
    private final InstantSource clock = () -> Instant.ofEpochMilli(nowMs);
    private final Map<String, Long> databases = new LinkedHashMap<>(Map.of("a", 10L, "b", 20L));
    private int listings;

    private final SqlClient sql = new SqlClient() {
        @Override
        public void execute(Sql statement) {
            throw new UnsupportedOperationException(statement.text());
        }

        @Override
        public List<Map<String, String>> query(Sql statement) {
            assertThat(statement.text()).contains("/dbs");
            listings++;
            List<Map<String, String>> rows = new ArrayList<>();
            databases.forEach((name, id) -> rows.add(Map.of("DbName", name, "DbId", Long.toString(id))));
            return rows;
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    private final DatabaseIds shared = new DatabaseIds(clock, Duration.ofSeconds(10));
    private final String key = DatabaseIds.key(ClusterSpec.of("fe", 9030, 9020, "root", ""));

    private ClusterIds job(String db) {
        return new ClusterIds(sql, db, shared, key);
    }

    @Test
    void manyJobsOfOneClusterReadTheListingOnce() {
        List<ClusterIds> jobs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            jobs.add(job(i % 2 == 0 ? "a" : "b"));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(jobs.get(i).dbId()).isEqualTo(i % 2 == 0 ? 10L : 20L);
        }
        assertThat(listings).isEqualTo(1);
        // another cluster (or user) has a listing of its own
        new ClusterIds(sql, "a", shared, DatabaseIds.key(ClusterSpec.of("fe", 9030, 9020, "other", ""))).dbId();
        assertThat(listings).isEqualTo(2);
    }

    @Test
    void aRefreshAMissingDatabaseAndTheTimeToLiveReadAgain() {
        ClusterIds a = job("a");
        assertThat(a.dbId()).isEqualTo(10L);
        // the database was dropped and created again: the job's refresh (after its DDL) reads anew
        databases.put("a", 11L);
        a.refresh();
        nowMs += 1;
        assertThat(a.dbId()).isEqualTo(11L);
        assertThat(listings).isEqualTo(2);

        // a database created after the listing is not called missing from it
        databases.put("c", 30L);
        assertThat(job("c").dbId()).isEqualTo(30L);
        assertThat(listings).isEqualTo(3);
        assertThatThrownBy(() -> job("nope").dbId()).isInstanceOfSatisfying(CcrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.META_MISMATCH));
        assertThat(listings).isEqualTo(4);

        // within the time to live the listing answers; past it, it is read again
        job("b").dbId();
        assertThat(listings).isEqualTo(4);
        nowMs += 10_000;
        job("b").dbId();
        assertThat(listings).isEqualTo(5);
    }

    @Test
    void withoutASharedListingEachJobReadsAlone() {
        new ClusterIds(sql, "a").dbId();
        new ClusterIds(sql, "a").dbId();
        assertThat(listings).isEqualTo(2);
    }
}
