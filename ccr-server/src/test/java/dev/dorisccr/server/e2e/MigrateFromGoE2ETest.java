package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.spi.BeginTxnResult;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.server.cli.MigrateFromGoCommand;
import dev.dorisccr.server.config.ServerOptions;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.SimBinlog;
import dev.dorisccr.testkit.doris.SimTxn;
import dev.dorisccr.testkit.gostore.GoJobJson;
import dev.dorisccr.testkit.gostore.GoProgressJson;
import dev.dorisccr.testkit.gostore.GoStoreFixture;
import dev.dorisccr.thrift.ThriftClusterConnector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A Go syncer replicated {@code shop.orders} and {@code shop.items} up to some commit seq and was
 * stopped, one upsert of {@code items} half ingested in a Go txn. {@code migrate-from-go} imports
 * both jobs into the store of a running {@link dev.dorisccr.core.service.Syncer} over two simulated
 * clusters; the syncer picks them up, aborts the Go txn, and goes on from the Go commit seqs: no
 * backup or restore, and the targets end equal to the sources (no binlog lost or applied twice).
 */
class MigrateFromGoE2ETest {
    private static final String ORDERS = "CREATE TABLE %s.orders (id INT NOT NULL, city VARCHAR(20), amount BIGINT)"
            + " DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 3 PROPERTIES (\"replication_num\" = \"1\"%s)";
    private static final String ITEMS = "CREATE TABLE %s.items (id INT NOT NULL, name VARCHAR(20))"
            + " DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2 PROPERTIES (\"replication_num\" = \"1\"%s)";

    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir, FakeDorisCluster.builder().name("src").backends(2).credentials("root", "Src-Pa55"),
                FakeDorisCluster.builder().name("dst").backends(2).credentials("admin", "Dest-Pa55"));
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    /** What the Go syncer had replicated: the same tables and rows on both sides. */
    private void replicatedByGo(String sql) {
        h.src.sql(sql);
        h.dst.sql(sql.replace("INTO shop.", "INTO shop_copy."));
    }

    private long lastSeq(String table) {
        List<SimBinlog> b = h.src.binlogs("shop", table);
        return b.get(b.size() - 1).commitSeq();
    }

    private GoJobJson.Endpoint endpoint(FakeDorisCluster c, String db, String table) {
        return new GoJobJson.Endpoint("127.0.0.1", c.mysqlPort(), c.masterThriftPort(), c.user(), c.password(), db,
                table, 0, 0);
    }

    @Test
    void migratedJobsContinueFromTheGoCommitSeqWithoutACopy() throws Exception {
        h.src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
        h.dst.sql("CREATE DATABASE shop_copy");
        h.src.sql(String.format(ORDERS, "shop", ", \"binlog.enable\" = \"true\""));
        h.dst.sql(String.format(ORDERS, "shop_copy", ", \"is_being_synced\" = \"true\""));
        h.src.sql(String.format(ITEMS, "shop", ", \"binlog.enable\" = \"true\""));
        h.dst.sql(String.format(ITEMS, "shop_copy", ", \"is_being_synced\" = \"true\""));
        replicatedByGo("INSERT INTO shop.orders VALUES (1, 'paris', 10), (2, 'rome', 20)");
        replicatedByGo("INSERT INTO shop.orders VALUES (3, 'oslo', 5)");
        replicatedByGo("INSERT INTO shop.items VALUES (1, 'pen'), (2, 'ink')");
        long ordersSeq = lastSeq("orders");
        long itemsSeq = lastSeq("items");
        // the Go syncer was ingesting this upsert of items when it was stopped: its txn is open on the target
        h.src.sql("INSERT INTO shop.items VALUES (3, 'cup')");
        long inFlight = lastSeq("items");
        long goTxn = beginGoTxn(inFlight);

        Path goStore = dir.resolve("go").resolve("ccr.db");
        java.nio.file.Files.createDirectories(goStore.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + goStore)) {
            GoStoreFixture go = new GoStoreFixture(c, GoStoreFixture.Kind.SQLITE);
            go.createTables();
            go.addJob("orders_job", GoJobJson.of("orders_job", endpoint(h.src, "shop", "orders"),
                    endpoint(h.dst, "shop_copy", "orders")).toJson(), "127.0.0.1:9190");
            go.putProgress("orders_job",
                    GoProgressJson.idle("orders_job", GoProgressJson.TABLE_INCREMENTAL_SYNC, ordersSeq).toJson());
            go.addJob("items_job", GoJobJson.of("items_job", endpoint(h.src, "shop", "items"),
                    endpoint(h.dst, "shop_copy", "items")).toJson(), "127.0.0.1:9190");
            go.putProgress("items_job", GoProgressJson.idle("items_job", GoProgressJson.TABLE_INCREMENTAL_SYNC, itemsSeq)
                    .inFlight(GoProgressJson.INGEST_BINLOG, inFlight, GoProgressJson.upsertData(inFlight, goTxn, List.of()))
                    .toJson());
        }
        // new source writes while the syncers are switched
        h.src.sql("INSERT INTO shop.orders VALUES (4, 'lima', 7), (1, 'paris', 1)");

        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new MigrateFromGoCommand(Map.of("CCR_HOME", dir.toString()),
                h.time.withZone(ZoneOffset.UTC)));
        ServerOptions.attach(cl);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int code = cl.execute("--db_dir", dir.resolve("ccr.db").toString(), "--go_db_dir", goStore.toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("continues incrementally after commit seq " + ordersSeq)
                .contains("aborts the Go txn " + goTxn + " of upsert " + inFlight)
                .doesNotContain("Pa55");

        h.run(Duration.ofMinutes(1));
        h.src.sql("INSERT INTO shop.orders VALUES (5, 'kyiv', 3)");
        h.src.sql("INSERT INTO shop.items VALUES (4, 'mug')");
        h.src.sql("DELETE FROM shop.orders WHERE id = 2");
        h.run(Duration.ofMinutes(1));

        assertThat(h.syncer.list()).containsExactly("items_job", "orders_job");
        assertThat(h.syncer.status("orders_job").progressState()).isEqualTo(SyncState.TABLE_INCREMENTAL_SYNC);
        assertThat(h.syncer.status("items_job").progressState()).isEqualTo(SyncState.TABLE_INCREMENTAL_SYNC);
        h.assertSameRows("shop", "orders", "shop_copy", "orders");
        h.assertSameRows("shop", "items", "shop_copy", "items");
        assertThat(h.dst.rows("shop_copy", "items")).hasSize(4);
        assertThat(h.dst.restores()).as("no full or partial sync").isEmpty();
        assertThat(h.dst.txns()).filteredOn(t -> t.id() == goTxn).extracting(SimTxn::state)
                .containsExactly(SimTxn.State.ABORTED);
        assertThat(h.syncer.lag("orders_job").lag()).isZero();
        assertThat(h.syncer.lag("items_job").lag()).isZero();
    }

    /** A txn the Go syncer began for the upsert {@code seq}, with a label of the Go syncer's shape. */
    private long beginGoTxn(long seq) {
        long tableId = h.dst.tableId("shop_copy", "items");
        try (ThriftClusterConnector connector = new ThriftClusterConnector(Duration.ofSeconds(2), Duration.ofSeconds(10));
                FeClient fe = connector.fe(ClusterSpec.of("127.0.0.1", h.dst.mysqlPort(), h.dst.masterThriftPort(),
                        h.dst.user(), h.dst.password()))) {
            String label = "ccrj-1a2b:table_sync:" + h.src.tableId("shop", "items") + ":" + tableId + ":" + seq;
            BeginTxnResult r = fe.beginTxn("shop_copy", List.of(tableId), label, Duration.ofHours(1));
            return ((BeginTxnResult.Begun) r).txnId();
        }
    }
}
