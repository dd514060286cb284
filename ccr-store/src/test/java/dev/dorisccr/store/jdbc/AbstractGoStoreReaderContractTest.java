package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.migrate.GoStoreContents;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.testkit.gostore.GoJobJson;
import dev.dorisccr.testkit.gostore.GoProgressJson;
import dev.dorisccr.testkit.gostore.GoStoreFixture;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading a Go syncer's store, the Go tables written as the Go syncer writes them, beside this
 * syncer's own {@code ccr_*} tables in the same database, schema or file. SQLite, MariaDB and
 * PostgreSQL each extend it.
 */
abstract class AbstractGoStoreReaderContractTest {
    private static final GoJobJson.Endpoint SRC =
            new GoJobJson.Endpoint("10.0.0.1", 9030, 9020, "root", "s3cret-src", "shop", "", 10001, 0);
    private static final GoJobJson.Endpoint DEST =
            new GoJobJson.Endpoint("10.0.0.2", 9030, 9020, "root", "s3cret-dest", "shop_copy", "", 20001, 0);

    TestBackend backend;

    abstract TestBackend newBackend();

    abstract GoStoreFixture.Kind kind();

    @BeforeEach
    void setUp() throws Exception {
        backend = newBackend();
        try (MetadataStore ours = Stores.open(backend.config().build(), Map.of(), java.time.InstantSource.system())) {
            ours.jobs().list(); // creates the database/schema and this syncer's tables, as a real install has
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        backend.drop();
    }

    private GoStoreFixture go(Connection c) {
        return new GoStoreFixture(c, kind());
    }

    @Test
    void readsJobsProgressesAndHeartbeatsAsTheGoSyncerWritesThem() throws Exception {
        String db1 = GoJobJson.of("db1", SRC, DEST).toJson();
        String t1 = GoJobJson.of("t1", SRC.withTable("orders", 10002), DEST.withTable("orders", 0)).state(1).toJson();
        String p1 = GoProgressJson.idle("db1", GoProgressJson.DB_INCREMENTAL_SYNC, 1200).toJson();
        try (Connection c = backend.raw()) {
            GoStoreFixture f = go(c);
            f.createTables();
            f.addJob("db1", db1, "127.0.0.1:9190");
            f.addJob("t1", t1, "127.0.0.1:9190");
            f.addJob("nop", GoJobJson.of("nop", SRC, DEST).toJson(), "127.0.0.1:9190");
            f.putProgress("db1", p1);
            f.putRawProgress("t1", GoProgressJson.idle("t1", GoProgressJson.TABLE_INCREMENTAL_SYNC, 5).toJson());
            f.putRawProgress("nop", "%%% not base64 %%%");
            f.heartbeat("127.0.0.1:9190", 1_700_000_000_123_456_789L);
        }

        GoStoreContents go = GoStoreReader.read(backend.config().build());

        assertThat(go.jobs()).extracting(GoStoreContents.Job::name).containsExactly("db1", "nop", "t1");
        GoStoreContents.Job j = go.jobs().get(0);
        assertThat(j.jobInfo()).isEqualTo(db1);
        assertThat(j.progress()).contains(p1);
        assertThat(go.jobs().get(2).progress()).as("raw JSON is accepted in every store").isPresent();
        assertThat(go.jobs().get(1).progress()).isEmpty();
        assertThat(go.jobs().get(1).progressError()).get().asString().contains("neither JSON nor base64");
        assertThat(go.syncers()).containsExactly(new GoStoreContents.Syncer("127.0.0.1:9190", 1_700_000_000_123_456_789L));
        assertThat(go.jobs().toString()).doesNotContain("s3cret");
    }

    @Test
    void aJobWithoutProgressRowHasNoProgress() throws Exception {
        try (Connection c = backend.raw()) {
            GoStoreFixture f = go(c);
            f.createTables();
            f.addJob("fresh", GoJobJson.of("fresh", SRC, DEST).toJson(), "h:1");
        }

        GoStoreContents go = GoStoreReader.read(backend.config().build());

        assertThat(go.jobs()).singleElement().satisfies(j -> {
            assertThat(j.progress()).isEmpty();
            assertThat(j.progressError()).isEmpty();
        });
        assertThat(go.syncers()).isEmpty();
    }

    @Test
    void aStoreWithoutGoTablesIsRefused() {
        assertThatThrownBy(() -> GoStoreReader.read(backend.config().build()))
                .isInstanceOf(CcrException.class)
                .hasMessageContaining("table jobs not found")
                .extracting(e -> ((CcrException) e).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    }

    @Test
    void existingJobNamesReadsThisSyncersJobs() {
        StoreConfig config = backend.config().build();
        assertThat(Stores.existingJobNames(config)).isEmpty();
        try (MetadataStore ours = Stores.open(config, Map.of(), java.time.InstantSource.system())) {
            ours.jobs().create("b", "{}", DesiredState.RUNNING, Map.of());
            ours.jobs().create("a", "{}", DesiredState.PAUSED, Map.of());
        }

        assertThat(Stores.existingJobNames(config)).containsExactly("a", "b");
        assertThat(Optional.of(config)).isPresent();
    }
}
