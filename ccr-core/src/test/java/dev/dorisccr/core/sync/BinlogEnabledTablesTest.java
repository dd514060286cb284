package dev.dorisccr.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BinlogEnabledTablesTest {
    private static final String KEY = "fe:9030/root";
    private volatile long nowMs = 1_000;
    private final InstantSource clock = () -> Instant.ofEpochMilli(nowMs);
    /** "db.table" -> the binlog.enable value the FE answers. */
    private final Map<String, String> properties = new LinkedHashMap<>(Map.of("d.a", "true", "d.b", "true",
            "e.a", "false"));
    private final AtomicInteger reads = new AtomicInteger();
    private volatile RuntimeException failure;
    /** When set, each read waits for it (the single-flight test). */
    private volatile CountDownLatch gate;

    private final SqlClient sql = new SqlClient() {
        @Override
        public void execute(Sql statement) {
            throw new UnsupportedOperationException(statement.text());
        }

        @Override
        public List<Map<String, String>> query(Sql statement) {
            assertThat(statement.text()).contains("information_schema.table_properties", "'binlog.enable'");
            reads.incrementAndGet();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    assertThat(g.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            List<Map<String, String>> rows = new ArrayList<>();
            properties.forEach((t, v) -> rows.add(Map.of("TABLE_SCHEMA", t.substring(0, t.indexOf('.')),
                    "TABLE_NAME", t.substring(t.indexOf('.') + 1), "PROPERTY_VALUE", v)));
            return rows;
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    private final BinlogEnabledTables tables = new BinlogEnabledTables(clock, Duration.ofSeconds(2),
            Duration.ofMinutes(10));

    private OptionalLong ask(String db, String table) {
        return tables.enabledSince(KEY, sql, db, table);
    }

    @Test
    void oneReadAnswersEveryTableOfTheClusterWithinTheMaximumAge() {
        for (int i = 0; i < 100; i++) {
            assertThat(ask("d", i % 2 == 0 ? "a" : "b")).hasValue(1_000);
        }
        nowMs += 1_999;
        assertThat(ask("d", "a")).hasValue(1_000);
        assertThat(reads).hasValue(1);

        nowMs += 1; // 2 s old: read again, answered as of the new read
        properties.put("d.a", "false");
        assertThat(ask("d", "a")).isEmpty();
        assertThat(ask("d", "b")).hasValue(3_000);
        assertThat(reads).hasValue(2);
        assertThat(tables.reads(KEY)).isEqualTo(2);
    }

    @Test
    void offMissingAndOtherCaseAreNotAnsweredSoTheJobAsksItsTable() {
        properties.put("default_cluster:f.t", "TRUE");
        assertThat(ask("e", "a")).isEmpty(); // binlog.enable = false
        assertThat(ask("d", "new_table")).isEmpty(); // no row: created since, not OLAP, or not visible
        assertThat(ask("nodb", "a")).isEmpty();
        assertThat(ask("d", "A")).isEmpty(); // names are case sensitive (lower_case_table_names = 0)
        assertThat(ask("D", "a")).isEmpty();
        assertThat(ask("f", "t")).hasValue(1_000); // the cluster prefix of old FEs is dropped
        assertThat(reads).hasValue(1);
    }

    @Test
    void rowsWithoutANameOrAValueAreSkippedAndTheRestStillAnswer() {
        List<Map<String, String>> odd = new ArrayList<>();
        Map<String, String> nullValue = new HashMap<>(Map.of("TABLE_SCHEMA", "d", "TABLE_NAME", "a"));
        nullValue.put("PROPERTY_VALUE", null); // SQL NULL
        odd.add(nullValue);
        odd.add(Map.of("TABLE_SCHEMA", "d", "PROPERTY_VALUE", "true")); // no TABLE_NAME column
        odd.add(Map.of("TABLE_NAME", "b", "PROPERTY_VALUE", "true")); // no TABLE_SCHEMA column
        odd.add(Map.of("TABLE_SCHEMA", "d", "TABLE_NAME", "c", "PROPERTY_VALUE", "1")); // not "true"
        odd.add(Map.of());
        odd.add(Map.of("TABLE_SCHEMA", "d", "TABLE_NAME", "e", "PROPERTY_VALUE", " true "));
        SqlClient oddSql = new SqlClient() {
            @Override
            public void execute(Sql statement) {
                throw new UnsupportedOperationException(statement.text());
            }

            @Override
            public List<Map<String, String>> query(Sql statement) {
                return odd;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
        assertThat(tables.enabledSince(KEY, oddSql, "d", "a")).isEmpty();
        assertThat(tables.enabledSince(KEY, oddSql, "d", "b")).isEmpty();
        assertThat(tables.enabledSince(KEY, oddSql, "d", "c")).isEmpty();
        assertThat(tables.enabledSince(KEY, oddSql, "d", "e")).hasValue(1_000);
        assertThat(tables.reads(KEY)).isEqualTo(1);
    }

    @Test
    void clustersAreReadApart() {
        assertThat(ask("d", "a")).isPresent();
        assertThat(tables.enabledSince("other:9030/root", sql, "d", "a")).isPresent();
        assertThat(reads).hasValue(2);
        assertThat(tables.reads("none")).isZero();
    }

    @Test
    void anFeWithoutTheTableIsNotAskedAgainForTheRetryInterval() {
        failure = new CcrException(ErrorCode.DORIS_SQL_FAILED, "errCode = 2, detailMessage = Table [table_properties]"
                + " does not exist in database [information_schema].");
        assertThat(ask("d", "a")).isEmpty();
        for (int i = 0; i < 50; i++) {
            nowMs += 10_000;
            assertThat(ask("d", "a")).isEmpty();
        }
        assertThat(reads).hasValue(1); // 500 s: still within the 10 minutes
        failure = null; // the FE was upgraded
        nowMs += 100_000;
        assertThat(ask("d", "a")).hasValue(nowMs);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedReadAnswersNothingUntilItIsTriedAgainAfterTheMaximumAge() {
        failure = new CcrException(ErrorCode.DORIS_CONNECTION_FAILED, "Communications link failure");
        assertThat(ask("d", "a")).isEmpty();
        assertThat(ask("d", "b")).isEmpty();
        assertThat(reads).hasValue(1);
        failure = null;
        nowMs += 2_000;
        assertThat(ask("d", "a")).hasValue(3_000);
        assertThat(reads).hasValue(2);
    }

    @Test
    void anErrorThatIsNotAnUnknownTableIsNotTakenForOne() {
        assertThat(BinlogEnabledTables.isUnknownTable(new CcrException(ErrorCode.DORIS_SQL_FAILED,
                "Unknown table 'table_properties'"))).isTrue();
        assertThat(BinlogEnabledTables.isUnknownTable(new CcrException(ErrorCode.DORIS_SQL_FAILED,
                "Table [t] does not exist in database [d]."))).isFalse();
        assertThat(BinlogEnabledTables.isUnknownTable(new CcrException(ErrorCode.DORIS_CONNECTION_FAILED,
                "table_properties does not exist"))).isFalse();
    }

    @Test
    void concurrentAskersShareOneRead() throws Exception {
        gate = new CountDownLatch(1);
        int askers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(askers);
        try {
            List<Future<OptionalLong>> answers = new ArrayList<>();
            for (int i = 0; i < askers; i++) {
                answers.add(pool.submit(() -> ask("d", "a")));
            }
            // the first asker is inside the read; wait (bounded) until it is, then let it finish
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reads.get() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(reads).hasValue(1);
            gate.countDown();
            for (Future<OptionalLong> f : answers) {
                assertThat(f.get(10, TimeUnit.SECONDS)).hasValue(1_000);
            }
            assertThat(reads).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new BinlogEnabledTables(clock, Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
