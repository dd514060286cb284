package dev.dorisccr.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.binlog.BinlogDecoder;
import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.binlog.RawBinlog;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.machine.JobEvent;
import dev.dorisccr.core.machine.TxnState;
import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.meta.IndexMeta;
import dev.dorisccr.core.meta.PartitionMeta;
import dev.dorisccr.core.meta.ReplicaMeta;
import dev.dorisccr.core.meta.TableMeta;
import dev.dorisccr.core.meta.TabletMeta;
import dev.dorisccr.core.spi.BeginTxnResult;
import dev.dorisccr.core.spi.BinlogFetch;
import dev.dorisccr.core.spi.BinlogScope;
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.HostMapping;
import dev.dorisccr.core.spi.SnapshotData;
import dev.dorisccr.core.spi.TabletCommit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DorisCommandExecutorTest {
    private static final String RANGE = "[types: [INT]; keys: [0]; ..types: [INT]; keys: [100]; )";
    private final FakeSide source = new FakeSide("shop", 10);
    private final FakeSide target = new FakeSide("shop_copy", 90);
    private final List<String> ingests = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final ClusterSpec srcSpec = new ClusterSpec("src-fe", 9030, 9020, "root", dev.dorisccr.core.spi.Secret.of(""), "",
            new HostMapping(Map.of("172.16.0.1", "10.0.0.1")));
    private final ClusterSpec destSpec = ClusterSpec.of("dest-fe", 9030, 9020, "root", "");

    private final ClusterConnector connector = FakeSide.beConnector((host, bePort, r) -> {
        if (host.startsWith("10.9.") && !live(target, r.localTabletId())) {
            // as a BE answers an ingest into a tablet it does not have
            throw new dev.dorisccr.core.error.CcrException(ErrorCode.DORIS_RPC_FAILED,
                    "ingest_binlog: tablet " + r.localTabletId() + " not found");
        }
        if (!live(source, r.remoteTabletId())) {
            // as the source BE answers get_binlog_info for a tablet it does not have
            throw new dev.dorisccr.core.error.CcrException(ErrorCode.DORIS_RPC_FAILED,
                    "ingest_binlog: get binlog info failed: tablet " + r.remoteTabletId());
        }
        ingests.add(host + ":" + bePort + " " + r.remoteHost() + ":" + r.remoteHttpPort() + " "
                + r.remoteTabletId() + "->" + r.localTabletId() + "@" + r.binlogVersion());
    });

    private static boolean live(FakeSide side, long id) {
        synchronized (side) {
            return side.meta.stream().flatMap(t -> t.partitions().stream()).flatMap(p -> p.indexes().stream())
                    .flatMap(i -> i.tablets().stream()).anyMatch(t -> t.id() == id);
        }
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private DorisCommandExecutor executor(String srcTable, String destTable) {
        JobSpec spec = new JobSpec("j", new JobEndpoint(srcSpec, "shop", srcTable), new JobEndpoint(destSpec, "shop_copy",
                destTable), JobOptions.DEFAULTS);
        return new DorisCommandExecutor(spec, connector, source, target, source, target, pool, 2, Duration.ofMinutes(5),
                java.time.InstantSource.system());
    }

    private static TableMeta table(long id, String name, long base, long version) {
        List<TabletMeta> tablets = List.of(
                new TabletMeta(base + 1, List.of(new ReplicaMeta(base + 11, 1, version))),
                new TabletMeta(base + 2, List.of(new ReplicaMeta(base + 12, 2, version))));
        return new TableMeta(id, name, false, "OLAP", List.of(new PartitionMeta(id + 1, "p1", "", RANGE, version, false,
                List.of(new IndexMeta(id + 2, name, tablets)))));
    }

    private void layout() {
        source.tables.put("orders", 20L);
        target.tables.put("orders_copy", 200L);
        source.meta.add(table(20, "orders", 1000, 5));
        target.meta.add(table(200, "orders_copy", 9000, 4));
        source.backends.add(new BackendInfo(1, "172.16.0.1", 9060, 8040, 8060, true));
        source.backends.add(new BackendInfo(2, "172.16.0.2", 9060, 8040, 8060, true));
        target.backends.add(new BackendInfo(1, "10.9.0.1", 9060, 8040, 8060, true));
        target.backends.add(new BackendInfo(2, "10.9.0.2", 9060, 8040, 8060, true));
    }

    private static DecodedBinlog decoded(RawBinlog raw) {
        return DecodedBinlog.of(raw, new BinlogDecoder());
    }

    private static DecodedBinlog upsert(long seq) {
        return upsert(seq, 21, 5);
    }

    private static DecodedBinlog upsert(long seq, long partitionId, long version) {
        String json = "{\"commitSeq\":" + seq + ",\"txnId\":77,\"timeStamp\":1,\"label\":\"l\",\"dbId\":10,"
                + "\"tableRecords\":{\"20\":{\"partitionRecords\":[{\"partitionId\":" + partitionId + ",\"range\":\""
                + RANGE + "\",\"version\":" + version + ",\"isTempPartition\":false}],\"indexIds\":[22]}}}";
        return decoded(new RawBinlog(seq, 1, 0, 10, List.of(20L), json, -1));
    }

    @Test
    void fetchReadsTheTableStreamByIdAndMapsTheAnswers() {
        layout();
        DorisCommandExecutor e = executor("orders", "orders_copy");
        source.nextFetch = new BinlogFetch.TooOld(new RawBinlog(70, -1, 7, 10, List.of(), null, 20));

        assertThat(e.execute(new JobCommand.FetchBinlogs(5, 10))).isEqualTo(new JobEvent.BinlogTooOld(70));
        assertThat(source.calls.get(0)).isEqualTo(new BinlogScope("shop", "orders", 20));
        source.nextFetch = new BinlogFetch.CaughtUp();
        assertThat(e.execute(new JobCommand.FetchBinlogs(5, 10))).isInstanceOf(JobEvent.CaughtUp.class);
    }

    @Test
    void snapshotBackupRestoreAndMappingAreIdempotentByLabel() {
        layout();
        DorisCommandExecutor e = executor("orders", "orders_copy");

        assertThat(e.execute(new JobCommand.CreateSnapshot("ccrs_shop_orders_1"))).isInstanceOf(JobEvent.SnapshotCreated.class);
        assertThat(e.execute(new JobCommand.CreateSnapshot("ccrs_shop_orders_1"))).isInstanceOf(JobEvent.SnapshotCreated.class);
        assertThat(source.executed).containsExactly("BACKUP SNAPSHOT `shop`.`ccrs_shop_orders_1` TO `__keep_on_local__` "
                + "ON (`orders`) PROPERTIES (\"type\" = \"full\")");
        assertThat(e.execute(new JobCommand.PollBackup("ccrs_shop_orders_1"))).isInstanceOf(JobEvent.BackupRunning.class);
        source.backupStates.put("ccrs_shop_orders_1", "FINISHED");
        assertThat(e.execute(new JobCommand.PollBackup("ccrs_shop_orders_1"))).isInstanceOf(JobEvent.BackupDone.class);

        source.snapshot = new SnapshotData(new byte[] {1, 2}, ("{\"name\":\"ccrs_shop_orders_1\",\"table_commit_seq_map\":"
                + "{\"20\":118}}").getBytes(StandardCharsets.UTF_8), false, 120, -1);
        JobEvent submitted = e.execute(new JobCommand.RestoreSnapshot("ccrs_shop_orders_1", "ccrs_shop_orders_1_r_1"));
        assertThat(submitted).isEqualTo(new JobEvent.RestoreSubmitted(120, Map.of(20L, 118L)));
        String sent = new String(target.restored.snapshot().jobInfo(), StandardCharsets.UTF_8);
        assertThat(sent).contains("\"10.0.0.1\"").contains("\"172.16.0.2\"").contains("\"token\":\"tok-shop\"");
        assertThat(target.restored.tableAliases()).containsEntry("orders", "orders_copy");
        assertThat(target.restored.atomicRestore()).isTrue();
        assertThat(target.restored.properties()).containsEntry("reserve_replica", "true");
        target.restored = null;
        assertThat(e.execute(new JobCommand.RestoreSnapshot("ccrs_shop_orders_1", "ccrs_shop_orders_1_r_1")))
                .isEqualTo(submitted);
        assertThat(target.restored).as("a restore with this label exists: not submitted twice").isNull();

        target.restoreStates.put("ccrs_shop_orders_1_r_1", "CANCELLED");
        assertThat(e.execute(new JobCommand.PollRestore("ccrs_shop_orders_1_r_1")))
                .isInstanceOfSatisfying(JobEvent.StepFailed.class, f -> assertThat(f.message()).contains("cancelled"));
        target.restoreStates.put("ccrs_shop_orders_1_r_1", "FINISHED");
        assertThat(e.execute(new JobCommand.PollRestore("ccrs_shop_orders_1_r_1"))).isInstanceOf(JobEvent.RestoreDone.class);
        assertThat(e.execute(new JobCommand.LoadTargetTables()))
                .isEqualTo(new JobEvent.TargetTablesLoaded(Map.of(20L, 200L), Map.of(20L, "orders")));
    }

    @Test
    void upsertBeginsOnMappedTablesIngestsEveryReplicaAndCommits() {
        layout();
        DorisCommandExecutor e = executor("orders", "orders_copy");

        assertThat(e.execute(new JobCommand.BeginTxn("ccrj-j-1:table_sync:55", upsert(55)))).isEqualTo(new JobEvent.TxnBegun(500));
        assertThat(target.calls).contains("begin shop_copy [200] ccrj-j-1:table_sync:55");

        JobEvent ingested = e.execute(new JobCommand.Ingest(500, upsert(55)));

        assertThat(ingested).isEqualTo(new JobEvent.Ingested(List.of(new TabletCommit(9001, 1), new TabletCommit(9002, 2))));
        assertThat(ingests).containsExactlyInAnyOrder("10.9.0.1:9060 172.16.0.1:8040 1001->9001@5",
                "10.9.0.2:9060 172.16.0.2:8040 1002->9002@5");
        assertThat(e.execute(new JobCommand.CommitTxn(500, List.of(new TabletCommit(9001, 1)))))
                .isInstanceOf(JobEvent.Committed.class);
    }

    private static void awaitNoIngestInFlight(IngestLimits limits) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (limits.inFlight() != 0) {
            assertThat(System.nanoTime()).as("ingest slots never given back: %s", limits).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void jobsSharingIngestLimitsTakeSlotsOnTheSameBackendsAndGiveEveryOneBack() {
        layout();
        // one slot per BE and one in all, shared by two jobs' executors: every call still runs
        IngestLimits shared = new IngestLimits(1, 1);
        JobSpec spec = new JobSpec("j", new JobEndpoint(srcSpec, "shop", "orders"), new JobEndpoint(destSpec,
                "shop_copy", "orders_copy"), JobOptions.DEFAULTS);
        DorisCommandExecutor a = new DorisCommandExecutor(spec, connector, source, target, source, target, pool, shared,
                Duration.ofMinutes(5), java.time.InstantSource.system());
        DorisCommandExecutor b = new DorisCommandExecutor(spec, connector, source, target, source, target, pool, shared,
                Duration.ofMinutes(5), java.time.InstantSource.system());

        assertThat(a.execute(new JobCommand.Ingest(500, upsert(55)))).isInstanceOf(JobEvent.Ingested.class);
        assertThat(b.execute(new JobCommand.Ingest(501, upsert(55)))).isInstanceOf(JobEvent.Ingested.class);
        assertThat(ingests).hasSize(4);
        assertThat(shared.inFlight()).isZero();

        // a failed call gives its slot back too (and so does every sibling call of the step)
        synchronized (target) {
            target.meta.clear();
            target.meta.add(table(200, "orders_copy", 9500, 4));
        }
        assertThat(a.execute(new JobCommand.Ingest(502, upsert(56)))).isInstanceOf(JobEvent.StepFailed.class);
        awaitNoIngestInFlight(shared); // a sibling call may still be ending when the step fails
        assertThat(shared.inFlight("10.9.0.1:9060")).isZero();
        assertThat(shared.inFlight("10.9.0.2:9060")).isZero();
        assertThat(b.execute(new JobCommand.Ingest(503, upsert(56)))).isInstanceOf(JobEvent.StepFailed.class);
        awaitNoIngestInFlight(shared);
        assertThat(a.execute(new JobCommand.Ingest(504, upsert(56)))).isEqualTo(new JobEvent.Ingested(
                List.of(new TabletCommit(9501, 1), new TabletCommit(9502, 2))));
        assertThat(shared.inFlight()).isZero();
    }

    @Test
    void pipelinedUpsertsAreBegunAndIngestedEarlyCommittedOnlyWhenAskedAndRolledBackWhenNotTaken() {
        layout();
        target.nextTxnId = new java.util.concurrent.atomic.AtomicLong(600);
        DorisCommandExecutor e = executor("orders", "orders_copy");
        DecodedBinlog b55 = upsert(55);
        DecodedBinlog b56 = upsert(56);
        DecodedBinlog b57 = upsert(57);

        JobEvent begun55 = e.execute(new JobCommand.BeginTxn("l55", b55, Map.of(),
                List.of(new JobCommand.Upcoming("l56", b56), new JobCommand.Upcoming("l57", b57))));
        long txn55 = ((JobEvent.TxnBegun) begun55).txnId();
        JobEvent ingested55 = e.execute(new JobCommand.Ingest(txn55, b55));
        assertThat(e.execute(new JobCommand.CommitTxn(txn55, ((JobEvent.Ingested) ingested55).commits())))
                .isInstanceOf(JobEvent.Committed.class);

        // 56 was begun and ingested early: the machine's begin and ingest are answered from that work
        JobEvent begun56 = e.execute(new JobCommand.BeginTxn("l56", b56, Map.of(),
                List.of(new JobCommand.Upcoming("l57", b57))));
        long txn56 = ((JobEvent.TxnBegun) begun56).txnId();
        assertThat(txn56).isNotEqualTo(txn55);
        assertThat(e.execute(new JobCommand.Ingest(txn56, b56)))
                .isEqualTo(new JobEvent.Ingested(List.of(new TabletCommit(9001, 1), new TabletCommit(9002, 2))));
        List<Object> calls = List.copyOf(target.calls);
        assertThat(calls.stream().filter(c -> c.toString().startsWith("begin ")).map(Object::toString))
                .containsExactlyInAnyOrder("begin shop_copy [200] l55", "begin shop_copy [200] l56",
                        "begin shop_copy [200] l57"); // each label begun once
        assertThat(calls.stream().filter(c -> c.toString().startsWith("commit ")).map(Object::toString))
                .as("nothing is committed early").containsExactly("commit " + txn55 + " "
                        + ((JobEvent.Ingested) ingested55).commits());
        // 57's early ingest runs on the lookahead pool and may still be ending when 56's answer is taken
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (ingests.size() < 6) {
            assertThat(System.nanoTime()).as("57's early ingest never came: %s", ingests).isLessThan(deadline);
            Thread.onSpinWait();
        }
        assertThat(ingests).as("three upserts, two tablets each").hasSize(6);

        // the machine goes elsewhere (56 fails and is rolled back): 57's early txn is rolled back, never committed
        e.execute(new JobCommand.RollbackTxn(txn56, "test"));
        List<String> after = target.calls.stream().map(Object::toString).toList();
        long txn57 = 601 + 602 + 603 - txn55 - txn56; // the three begins got 601-603 in some order
        assertThat(after.stream().filter(c -> c.startsWith("rollback "))).containsExactly("rollback " + txn57,
                "rollback " + txn56);
        assertThat(after.stream().filter(c -> c.startsWith("commit ")).count()).isEqualTo(1);
    }

    @Test
    void twoHundredJobsOnASharedLookaheadPoolOfFourThreadsApplyEveryUpsertOnceInOrder() {
        layout();
        target.nextTxnId = new java.util.concurrent.atomic.AtomicLong(1000);
        int jobs = 200;
        long[] seqs = {55, 56, 57, 58};
        try (LookaheadPool shared = new LookaheadPool(4)) {
            JobSpec spec = new JobSpec("j", new JobEndpoint(srcSpec, "shop", "orders"), new JobEndpoint(destSpec,
                    "shop_copy", "orders_copy"), JobOptions.DEFAULTS);
            List<DorisCommandExecutor> executors = new ArrayList<>();
            for (int j = 0; j < jobs; j++) {
                executors.add(new DorisCommandExecutor(spec, connector, source, target, source, target, pool,
                        IngestLimits.defaults(), shared, Duration.ofMinutes(5), java.time.InstantSource.system()));
            }
            // the jobs take turns, one step each (as jobs sharing a scheduler do), pipeline depth 4
            long[][] txn = new long[jobs][seqs.length];
            for (int i = 0; i < seqs.length; i++) {
                for (int j = 0; j < jobs; j++) {
                    List<JobCommand.Upcoming> ahead = new ArrayList<>();
                    for (int k = i + 1; k < seqs.length; k++) {
                        ahead.add(new JobCommand.Upcoming("j" + j + "-l" + seqs[k], upsert(seqs[k])));
                    }
                    JobEvent begun = executors.get(j).execute(new JobCommand.BeginTxn("j" + j + "-l" + seqs[i],
                            upsert(seqs[i]), Map.of(), ahead));
                    assertThat(begun).as("job %s, upsert %s", j, seqs[i]).isInstanceOf(JobEvent.TxnBegun.class);
                    txn[j][i] = ((JobEvent.TxnBegun) begun).txnId();
                }
                for (int j = 0; j < jobs; j++) {
                    JobEvent ingested = executors.get(j).execute(new JobCommand.Ingest(txn[j][i], upsert(seqs[i])));
                    assertThat(ingested).isEqualTo(new JobEvent.Ingested(
                            List.of(new TabletCommit(9001, 1), new TabletCommit(9002, 2))));
                    assertThat(executors.get(j).execute(new JobCommand.CommitTxn(txn[j][i],
                            ((JobEvent.Ingested) ingested).commits()))).isInstanceOf(JobEvent.Committed.class);
                }
            }
            assertThat(shared.largestThreads()).as("threads, whatever the number of jobs").isLessThanOrEqualTo(4);
            assertThat(shared.refused()).as("the pool was saturated: some upserts were applied without lookahead")
                    .isPositive();
            // a task gives its slot back just after its result is handed over: wait (bounded) for the last ones
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (shared.busy() != 0) {
                assertThat(System.nanoTime()).as("lookahead slots never given back: %s", shared).isLessThan(deadline);
                Thread.onSpinWait();
            }
            List<String> calls = target.calls.stream().map(Object::toString).toList();
            assertThat(calls.stream().filter(c -> c.startsWith("begin "))).as("each label begun once")
                    .hasSize(jobs * seqs.length).doesNotHaveDuplicates();
            assertThat(calls.stream().filter(c -> c.startsWith("rollback "))).as("nothing begun early was wasted")
                    .isEmpty();
            assertThat(calls.stream().filter(c -> c.startsWith("commit "))).hasSize(jobs * seqs.length);
            for (int j = 0; j < jobs; j++) {
                for (int i = 1; i < seqs.length; i++) {
                    assertThat(txn[j][i]).as("job %s: one txn per upsert", j).isNotEqualTo(txn[j][i - 1]);
                }
            }
            assertThat(ingests).as("two tablets per upsert").hasSize(2 * jobs * seqs.length);
        }
    }

    @Test
    void aJobRefusedALookaheadSlotBeginsInItsTurnAndStopsWaitingWhenItsWindowEnds() throws Exception {
        layout();
        target.nextTxnId = new java.util.concurrent.atomic.AtomicLong(700);
        try (LookaheadPool shared = new LookaheadPool(1)) {
            java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
            LookaheadPool.Lane busy = shared.lane();
            assertThat(busy.trySubmit(() -> {
                try {
                    hold.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, () -> { })).isTrue(); // another job holds the only thread
            JobSpec spec = new JobSpec("j", new JobEndpoint(srcSpec, "shop", "orders"), new JobEndpoint(destSpec,
                    "shop_copy", "orders_copy"), JobOptions.DEFAULTS);
            DorisCommandExecutor e = new DorisCommandExecutor(spec, connector, source, target, source, target, pool,
                    IngestLimits.defaults(), shared, Duration.ofMinutes(5), java.time.InstantSource.system());

            JobEvent begun = e.execute(new JobCommand.BeginTxn("l55", upsert(55), Map.of(),
                    List.of(new JobCommand.Upcoming("l56", upsert(56)))));
            assertThat(begun).isInstanceOf(JobEvent.TxnBegun.class);
            assertThat(target.calls.stream().map(Object::toString).filter(c -> c.startsWith("begin ")))
                    .as("no slot: 56 is not begun early, and the job never waited for one").containsExactly(
                            "begin shop_copy [200] l55");
            assertThat(shared.competing()).as("the job waits for a slot").isEqualTo(2);
            long txn = ((JobEvent.TxnBegun) begun).txnId();
            JobEvent ingested = e.execute(new JobCommand.Ingest(txn, upsert(55)));
            e.execute(new JobCommand.CommitTxn(txn, ((JobEvent.Ingested) ingested).commits()));
            JobEvent begun56 = e.execute(new JobCommand.BeginTxn("l56", upsert(56), Map.of(), List.of()));
            assertThat(begun56).as("begun in its turn").isInstanceOf(JobEvent.TxnBegun.class);
            long txn56 = ((JobEvent.TxnBegun) begun56).txnId();
            e.execute(new JobCommand.RollbackTxn(txn56, "test")); // the machine goes elsewhere: the window ends
            assertThat(shared.competing()).as("no longer waiting: the busy job's share is whole again").isEqualTo(1);
            hold.countDown();
        }
    }

    @Test
    void usedLabelsAndUnreplayableBinlogsAreAnsweredHonestly() {
        layout();
        DorisCommandExecutor e = executor("orders", "orders_copy");
        target.begin = new BeginTxnResult.LabelExists("FINISHED", 42);
        assertThat(e.execute(new JobCommand.BeginTxn("l", upsert(56)))).isEqualTo(new JobEvent.TxnLabelExists(42, TxnState.VISIBLE));
        target.begin = new BeginTxnResult.LabelExists("RUNNING", 43);
        assertThat(e.execute(new JobCommand.BeginTxn("l", upsert(56)))).isEqualTo(new JobEvent.TxnLabelExists(43, TxnState.PREPARE));
        target.begin = new BeginTxnResult.LabelExists("RUNNING", -1);
        assertThat(e.execute(new JobCommand.BeginTxn("l", upsert(56))))
                .isInstanceOfSatisfying(JobEvent.StepFailed.class, f -> assertThat(f.code().retriable()).isTrue());

        JobEvent ddl = e.execute(new JobCommand.ApplyBinlog(decoded(new RawBinlog(57, 1, 9, 10, List.of(20L), "{}", -1))));
        assertThat(ddl).isInstanceOfSatisfying(JobEvent.StepFailed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.MALFORMED_BINLOG));
        JobEvent unknown = e.execute(new JobCommand.ApplyBinlog(decoded(new RawBinlog(59, 1, 99, 10, List.of(20L), "{}", -1))));
        assertThat(unknown).isInstanceOfSatisfying(JobEvent.StepFailed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.UNKNOWN_BINLOG_TYPE));
        JobEvent bad = e.execute(new JobCommand.Ingest(1, decoded(new RawBinlog(58, 1, 0, 10, List.of(20L), "{\"commitSeq\":", -1))));
        assertThat(bad).isInstanceOfSatisfying(JobEvent.StepFailed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.MALFORMED_BINLOG));
    }

    @Test
    void malformedPayloadsOfTheNewerDdlTypesFailAndRunNothing() {
        layout();
        DorisCommandExecutor e = executor("", "");
        target.executed.clear();
        // MODIFY_DISTRIBUTION_BUCKET_NUM that says HASH but names no column
        JobEvent noColumns = e.execute(new JobCommand.ApplyBinlog(decoded(new RawBinlog(60, 1, 25, 10, List.of(20L),
                "{\"dbId\":10,\"tableId\":20,\"Type\":\"HASH\",\"autoBucket\":false,\"bucketNum\":4,"
                        + "\"columnsName\":\" , \"}", -1)), java.util.Map.of(20L, "orders")));
        assertThat(noColumns).isInstanceOfSatisfying(JobEvent.StepFailed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.MALFORMED_BINLOG));
        // an index change job without its table id, and an index payload that is not JSON
        JobEvent noTable = e.execute(new JobCommand.ApplyBinlog(decoded(new RawBinlog(61, 1, 20, 10, List.of(20L),
                "{\"dbId\":10,\"jobState\":\"FINISHED\"}", -1))));
        assertThat(noTable).isInstanceOfSatisfying(JobEvent.StepFailed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.MALFORMED_BINLOG));
        JobEvent notJson = e.execute(new JobCommand.ApplyBinlog(decoded(new RawBinlog(62, 1, 19, 10, List.of(20L),
                "{\"dbId\":10,\"tableId\":", -1))));
        assertThat(notJson).isInstanceOfSatisfying(JobEvent.StepFailed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.MALFORMED_BINLOG));
        assertThat(target.executed).isEmpty();
    }

    @Test
    void metaAndBackendsAreReadOnceForConsecutiveUpserts() {
        layout();
        DorisCommandExecutor e = executor("orders", "orders_copy");
        for (long seq = 55; seq <= 57; seq++) {
            // each binlog is newer than the cached source replicas (version 5): they are lower bounds
            DecodedBinlog b = upsert(seq, 21, seq - 50);
            assertThat(e.execute(new JobCommand.BeginTxn("l" + seq, b))).isInstanceOf(JobEvent.TxnBegun.class);
            assertThat(e.execute(new JobCommand.Ingest(500, b)))
                    .isEqualTo(new JobEvent.Ingested(List.of(new TabletCommit(9001, 1), new TabletCommit(9002, 2))));
        }
        assertThat(source.metaCalls + target.metaCalls + source.backendCalls + target.backendCalls).isEqualTo(4);
        assertThat(ingests).contains("10.9.0.1:9060 172.16.0.1:8040 1001->9001@7", "10.9.0.2:9060 172.16.0.2:8040 1002->9002@7");

        // a replayed DDL drops the cache: the next upsert reads both sides again
        e.execute(new JobCommand.ApplyBinlog(decoded(new RawBinlog(58, 1, 9, 10, List.of(20L), "{}", -1))));
        e.execute(new JobCommand.Ingest(501, upsert(59)));
        assertThat(source.metaCalls).isEqualTo(2);
        assertThat(target.metaCalls).isEqualTo(2);
    }

    @Test
    void aStaleCacheNeverIngestsIntoAGoneTabletItFailsThenUsesFreshMeta() {
        layout();
        DorisCommandExecutor e = executor("orders", "orders_copy");
        assertThat(e.execute(new JobCommand.Ingest(500, upsert(55)))).isInstanceOf(JobEvent.Ingested.class);
        // the target's tablets were replaced behind the syncer's back (no binlog said so)
        synchronized (target) {
            target.meta.clear();
            target.meta.add(table(200, "orders_copy", 9500, 4));
        }
        ingests.clear();

        JobEvent failed = e.execute(new JobCommand.Ingest(501, upsert(56)));

        assertThat(failed).isInstanceOfSatisfying(JobEvent.StepFailed.class,
                f -> assertThat(f.message()).contains("not found"));
        assertThat(ingests).as("nothing went into a tablet the target no longer has")
                .noneMatch(i -> i.contains("->9001") || i.contains("->9002"));
        JobEvent retried = e.execute(new JobCommand.Ingest(502, upsert(56)));
        assertThat(retried).isEqualTo(new JobEvent.Ingested(List.of(new TabletCommit(9501, 1), new TabletCommit(9502, 2))));
        assertThat(target.metaCalls).isEqualTo(2);
    }

    @Test
    void staleSourceTabletsFailTheIngestAndUnknownPartitionsAreReadFreshOrFailLoudly() {
        layout();
        DorisCommandExecutor e = executor("orders", "orders_copy");
        assertThat(e.execute(new JobCommand.Ingest(500, upsert(55)))).isInstanceOf(JobEvent.Ingested.class);
        // the source's tablets of the partition changed behind the syncer's back
        synchronized (source) {
            source.meta.clear();
            source.meta.add(table(20, "orders", 3000, 6));
        }
        String staleTarget = "only a copy would fix this";
        ingests.clear();

        assertThat(e.execute(new JobCommand.Ingest(501, upsert(56, 21, 6)))).isInstanceOf(JobEvent.StepFailed.class);
        assertThat(ingests).noneMatch(i -> i.contains(" 1001->") || i.contains(" 1002->"));
        JobEvent refreshed = e.execute(new JobCommand.Ingest(502, upsert(56, 21, 6)));
        assertThat(refreshed).isInstanceOf(JobEvent.Ingested.class);
        assertThat(ingests).containsExactlyInAnyOrder("10.9.0.1:9060 172.16.0.1:8040 3001->9001@6",
                "10.9.0.2:9060 172.16.0.2:8040 3002->9002@6");

        // a partition neither the cache nor the fresh meta has: a mismatch, nothing ingested
        ingests.clear();
        int reads = source.metaCalls;
        JobEvent mismatch = e.execute(new JobCommand.Ingest(503, upsert(57, 99, 7)));
        assertThat(source.metaCalls).as("the cache did not know it: read fresh once").isEqualTo(reads + 1);
        assertThat(mismatch).as(staleTarget).isInstanceOfSatisfying(JobEvent.StepFailed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.META_MISMATCH));
        assertThat(ingests).isEmpty();
    }
}
