package dev.dorisccr.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.binlog.BinlogDecoder;
import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.binlog.RawBinlog;
import dev.dorisccr.core.error.CcrException;
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
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.ClusterSpec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Parallel table commits (issue 17): a db job's upserts begun early on a lookahead pool that allows
 * it are committed early when no earlier upsert not committed yet shares a table; the machine,
 * reaching one, is answered as for a label a restart finds committed. The lookahead tasks run when
 * the test says ({@link #runNext}), so every interleaving here is the same on every run.
 */
class ParallelTableCommitsTest {
    private static final String RANGE = "[types: [INT]; keys: [0]; ..types: [INT]; keys: [100]; )";
    private static final Map<Long, String> NAMES = Map.of(20L, "orders", 30L, "items");
    private final FakeSide source = new FakeSide("shop", 10);
    private final FakeSide target = new FakeSide("shop", 90);
    private final ExecutorService ingestPool = Executors.newFixedThreadPool(2);
    /** The lookahead pool's tasks, run by the test in the order it chooses. */
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final ClusterSpec srcSpec = ClusterSpec.of("src-fe", 9030, 9020, "root", "");
    private final ClusterSpec destSpec = ClusterSpec.of("dest-fe", 9030, 9020, "root", "");

    private final ClusterConnector connector = FakeSide.beConnector((host, bePort, r) -> {
        // every tablet is there
    });

    /** Threads of the test's own: the common pool may have a single thread on a 2-core machine. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        ingestPool.shutdownNow();
        threads.shutdownNow();
    }

    private static TableMeta table(long id, String name, long base) {
        List<TabletMeta> tablets = List.of(new TabletMeta(base + 1, List.of(new ReplicaMeta(base + 11, 1, 5))));
        return new TableMeta(id, name, false, "OLAP", List.of(new PartitionMeta(id + 1, "p1", "", RANGE, 5, false,
                List.of(new IndexMeta(id + 2, name, tablets)))));
    }

    private DorisCommandExecutor executor(boolean parallel) {
        source.tables.put("orders", 20L);
        source.tables.put("items", 30L);
        target.tables.put("orders", 200L);
        target.tables.put("items", 300L);
        source.meta.add(table(20, "orders", 1000));
        source.meta.add(table(30, "items", 3000));
        target.meta.add(table(200, "orders", 9000));
        target.meta.add(table(300, "items", 9300));
        source.backends.add(new BackendInfo(1, "172.16.0.1", 9060, 8040, 8060, true));
        target.backends.add(new BackendInfo(1, "10.9.0.1", 9060, 8040, 8060, true));
        target.nextTxnId = new AtomicLong(600);
        JobSpec spec = new JobSpec("j", new JobEndpoint(srcSpec, "shop", ""), new JobEndpoint(destSpec, "shop", ""),
                JobOptions.DEFAULTS);
        LookaheadPool lookahead = new LookaheadPool(8, tasks::add, parallel);
        return new DorisCommandExecutor(spec, connector, source, target, source, target, ingestPool,
                IngestLimits.defaults(), lookahead, Duration.ofMinutes(5), InstantSource.system());
    }

    /** An upsert of commit seq {@code seq} into source table 20 (orders) or 30 (items). */
    private static DecodedBinlog upsert(long seq, long table) {
        String json = "{\"commitSeq\":" + seq + ",\"txnId\":77,\"timeStamp\":1,\"label\":\"l\",\"dbId\":10,"
                + "\"tableRecords\":{\"" + table + "\":{\"partitionRecords\":[{\"partitionId\":" + (table + 1)
                + ",\"range\":\"" + RANGE + "\",\"version\":5,\"isTempPartition\":false}],\"indexIds\":["
                + (table + 2) + "]}}}";
        return DecodedBinlog.of(new RawBinlog(seq, 1, 0, 10, List.of(table), json, -1), new BinlogDecoder());
    }

    private static final long ORDERS = 20;
    private static final long ITEMS = 30;

    /** The window of the test: 55 orders, 56 items, 57 orders, 58 items. */
    private final DecodedBinlog[] window = {upsert(55, ORDERS), upsert(56, ITEMS), upsert(57, ORDERS),
        upsert(58, ITEMS)};

    private JobCommand.BeginTxn begin(int i) {
        List<JobCommand.Upcoming> ahead = new ArrayList<>();
        for (int k = i + 1; k < window.length; k++) {
            ahead.add(new JobCommand.Upcoming("l" + window[k].commitSeq(), window[k]));
        }
        return new JobCommand.BeginTxn("l" + window[i].commitSeq(), window[i], NAMES, ahead);
    }

    private void runNext() {
        tasks.removeFirst().run();
    }

    private void runLast() {
        tasks.removeLast().run();
    }

    /** The txn ids begun per label, from the target's calls. */
    private Map<String, Long> txnOf() {
        // begins answer 601, 602, ... in the order the target saw them
        Map<String, Long> m = new java.util.HashMap<>();
        long id = 600;
        for (Object c : List.copyOf(target.calls)) {
            String s = c.toString();
            if (s.startsWith("begin ")) {
                String label = s.substring(s.lastIndexOf(' ') + 1);
                m.putIfAbsent(label, ++id);
            }
        }
        return m;
    }

    private List<Long> committedTxns() {
        return target.calls.stream().map(Object::toString).filter(c -> c.startsWith("commit "))
                .map(c -> Long.parseLong(c.split(" ")[1])).toList();
    }

    private List<Long> rolledBack() {
        return target.calls.stream().map(Object::toString).filter(c -> c.startsWith("rollback "))
                .map(c -> Long.parseLong(c.split(" ")[1])).toList();
    }

    /** The machine's steps for the upsert {@code i}: begin, and when begun, ingest and commit. */
    private JobEvent machineApplies(DorisCommandExecutor e, int i) {
        JobEvent begun = e.execute(begin(i));
        if (begun instanceof JobEvent.TxnBegun b) {
            JobEvent ingested = e.execute(new JobCommand.Ingest(b.txnId(), window[i], NAMES));
            assertThat(ingested).isInstanceOf(JobEvent.Ingested.class);
            assertThat(e.execute(new JobCommand.CommitTxn(b.txnId(), ((JobEvent.Ingested) ingested).commits())))
                    .isInstanceOf(JobEvent.Committed.class);
        }
        return begun;
    }

    @Test
    void independentTablesCommitEarlyAndTheMachineCountsThemDoneByTheirLabels() {
        DorisCommandExecutor e = executor(true);
        JobEvent begun55 = e.execute(begin(0));
        assertThat(begun55).isInstanceOf(JobEvent.TxnBegun.class);
        assertThat(tasks).hasSize(3); // 56, 57, 58 begun early
        runNext(); // 56 (items): 55 (orders) is open, no table shared: committed early
        runNext(); // 57 (orders): 55 (orders) is not committed: left to the machine
        runNext(); // 58 (items): 56 (items) is committed: committed early
        Map<String, Long> txn = txnOf();
        assertThat(committedTxns()).containsExactly(txn.get("l56"), txn.get("l58"));

        long t55 = ((JobEvent.TxnBegun) begun55).txnId();
        JobEvent ingested = e.execute(new JobCommand.Ingest(t55, window[0], NAMES));
        e.execute(new JobCommand.CommitTxn(t55, ((JobEvent.Ingested) ingested).commits()));
        assertThat(machineApplies(e, 1)).as("56 was committed early: the restart's path counts it done")
                .isEqualTo(new JobEvent.TxnLabelExists(txn.get("l56"), TxnState.VISIBLE));
        assertThat(machineApplies(e, 2)).as("57 was begun and ingested early, the machine commits it")
                .isEqualTo(new JobEvent.TxnBegun(txn.get("l57")));
        assertThat(machineApplies(e, 3)).isEqualTo(new JobEvent.TxnLabelExists(txn.get("l58"), TxnState.VISIBLE));

        assertThat(committedTxns()).as("each txn committed once; per table in source order (orders 55, 57; items 56, 58)")
                .containsExactly(txn.get("l56"), txn.get("l58"), t55, txn.get("l57"));
        assertThat(target.calls.stream().map(Object::toString).filter(c -> c.startsWith("begin ")))
                .as("each label begun once").hasSize(4).doesNotHaveDuplicates();
        assertThat(rolledBack()).isEmpty();
        assertThat(tasks).isEmpty();
    }

    @Test
    void aLaterUpsertWhoseEarlierUpsertOfTheSameTableIsNotCommittedIsLeftToTheMachine() {
        DorisCommandExecutor e = executor(true);
        JobEvent begun55 = e.execute(begin(0));
        runLast(); // 58 (items) first: 56 (items) is not committed yet, so 58 waits for the machine
        runNext(); // 56: committed early
        runNext(); // 57: 55 is open
        Map<String, Long> txn = txnOf();
        assertThat(committedTxns()).containsExactly(txn.get("l56"));

        long t55 = ((JobEvent.TxnBegun) begun55).txnId();
        JobEvent ingested = e.execute(new JobCommand.Ingest(t55, window[0], NAMES));
        e.execute(new JobCommand.CommitTxn(t55, ((JobEvent.Ingested) ingested).commits()));
        assertThat(machineApplies(e, 1)).isEqualTo(new JobEvent.TxnLabelExists(txn.get("l56"), TxnState.VISIBLE));
        assertThat(machineApplies(e, 2)).isEqualTo(new JobEvent.TxnBegun(txn.get("l57")));
        assertThat(machineApplies(e, 3)).isEqualTo(new JobEvent.TxnBegun(txn.get("l58")));
        assertThat(committedTxns()).containsExactly(txn.get("l56"), t55, txn.get("l57"), txn.get("l58"));
    }

    @Test
    void offByDefaultNothingIsCommittedBeforeTheMachineAsks() {
        DorisCommandExecutor e = executor(false);
        JobEvent begun55 = e.execute(begin(0));
        while (!tasks.isEmpty()) {
            runNext();
        }
        assertThat(committedTxns()).isEmpty();
        long t55 = ((JobEvent.TxnBegun) begun55).txnId();
        JobEvent ingested = e.execute(new JobCommand.Ingest(t55, window[0], NAMES));
        e.execute(new JobCommand.CommitTxn(t55, ((JobEvent.Ingested) ingested).commits()));
        for (int i = 1; i < window.length; i++) {
            assertThat(machineApplies(e, i)).isInstanceOf(JobEvent.TxnBegun.class);
        }
        Map<String, Long> txn = txnOf();
        assertThat(committedTxns()).containsExactly(t55, txn.get("l56"), txn.get("l57"), txn.get("l58"));
    }

    @Test
    void aFailedEarlyCommitIsLeftToTheMachineWhichAsksTheTargetByTheLabelAndLaterUpsertsOfTheTableWait() {
        DorisCommandExecutor e = executor(true);
        JobEvent begun55 = e.execute(begin(0));
        target.onCommit = id -> {
            throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "commitTxn: read timed out (test)");
        };
        runNext(); // 56: its early commit fails (the target may or may not have committed it)
        target.onCommit = id -> { };
        runNext(); // 57: 55 is open
        runNext(); // 58: 56 is not known committed: left to the machine
        Map<String, Long> txn = txnOf();
        assertThat(committedTxns()).isEmpty();

        long t55 = ((JobEvent.TxnBegun) begun55).txnId();
        JobEvent ingested = e.execute(new JobCommand.Ingest(t55, window[0], NAMES));
        e.execute(new JobCommand.CommitTxn(t55, ((JobEvent.Ingested) ingested).commits()));
        // the timed out commit went through on the target: beginning the label again says so
        target.labelAnswers.put("l56", new BeginTxnResult.LabelExists("FINISHED", txn.get("l56")));
        assertThat(e.execute(begin(1))).isEqualTo(new JobEvent.TxnLabelExists(txn.get("l56"), TxnState.VISIBLE));
        assertThat(target.calls.stream().map(Object::toString).filter(c -> c.equals("begin shop [300] l56")))
                .as("begun early, then asked again by the machine").hasSize(2);
        assertThat(committedTxns()).as("the machine never commits the txn whose early commit failed")
                .containsExactly(t55);
    }

    @Test
    void aFailedEarlyCommitThatDidNotLandIsRolledBackAndBegunAgainByTheMachine() {
        DorisCommandExecutor e = executor(true);
        JobEvent begun55 = e.execute(begin(0));
        target.onCommit = id -> {
            throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "commitTxn failed (test)");
        };
        runNext(); // 56 fails to commit early
        target.onCommit = id -> { };
        runNext();
        runNext();
        Map<String, Long> txn = txnOf();
        long t55 = ((JobEvent.TxnBegun) begun55).txnId();
        JobEvent ingested = e.execute(new JobCommand.Ingest(t55, window[0], NAMES));
        e.execute(new JobCommand.CommitTxn(t55, ((JobEvent.Ingested) ingested).commits()));
        target.labelAnswers.put("l56", new BeginTxnResult.LabelExists("RUNNING", txn.get("l56")));
        // the txn is still open: the machine rolls it back (its usual path for an earlier attempt's txn)
        assertThat(e.execute(begin(1))).isEqualTo(new JobEvent.TxnLabelExists(txn.get("l56"), TxnState.PREPARE));
        assertThat(e.execute(new JobCommand.RollbackTxn(txn.get("l56"), "stale"))).isEqualTo(new JobEvent.RolledBack());
        assertThat(rolledBack()).as("56's txn, and 57's and 58's begun early").containsExactlyInAnyOrder(
                txn.get("l56"), txn.get("l57"), txn.get("l58"));
        assertThat(committedTxns()).containsExactly(t55);
    }

    @Test
    void theMachinesBeginOfALabelWaitsForItsEarlyCommitAndNeverCommitsItAgain() throws Exception {
        DorisCommandExecutor e = executor(true);
        JobEvent begun55 = e.execute(begin(0));
        long t55 = ((JobEvent.TxnBegun) begun55).txnId();
        JobEvent ingested = e.execute(new JobCommand.Ingest(t55, window[0], NAMES));
        e.execute(new JobCommand.CommitTxn(t55, ((JobEvent.Ingested) ingested).commits()));
        CountDownLatch inCommit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        target.onCommit = id -> {
            inCommit.countDown();
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        };
        Runnable t56 = tasks.removeFirst();
        CompletableFuture<Void> early = CompletableFuture.runAsync(t56, threads);
        assertThat(inCommit.await(10, TimeUnit.SECONDS)).as("56's early commit is under way").isTrue();
        CompletableFuture<JobEvent> machine = CompletableFuture.supplyAsync(() -> e.execute(begin(1)), threads);
        Thread.onSpinWait();
        assertThat(machine).as("the machine's begin of 56 waits for the early work").isNotDone();
        release.countDown();
        Map<String, Long> txn = txnOf();
        assertThat(machine.get(10, TimeUnit.SECONDS)).isEqualTo(new JobEvent.TxnLabelExists(txn.get("l56"),
                TxnState.VISIBLE));
        early.get(10, TimeUnit.SECONDS);
        assertThat(committedTxns()).containsExactly(t55, txn.get("l56"));
        assertThat(target.calls.stream().map(Object::toString).filter(c -> c.startsWith("begin ") && c.endsWith("l56")))
                .hasSize(1);
    }

    /** An executor with 55 begun by the machine, 56 and 58 committed early, 57 ingested and waiting for 55. */
    private record Staged(DorisCommandExecutor e, long t55, Map<String, Long> txn) {}

    private Staged stagedWith55Open() {
        DorisCommandExecutor e = executor(true);
        JobEvent begun55 = e.execute(begin(0));
        runNext(); // 56 committed early
        runNext(); // 57 ingested, waits for 55
        runNext(); // 58 committed early
        return new Staged(e, ((JobEvent.TxnBegun) begun55).txnId(), txnOf());
    }

    @Test
    void aFailedUpsertLeavesTheLaterIndependentOnesCommittedAndRollsBackTheRest() {
        Staged st = stagedWith55Open();
        DorisCommandExecutor e = st.e();
        Map<String, Long> txn = st.txn();
        long t55 = st.t55();
        // 55 fails (its ingest, say): the machine rolls it back and goes elsewhere
        assertThat(e.execute(new JobCommand.RollbackTxn(t55, "ingest failed"))).isEqualTo(new JobEvent.RolledBack());
        assertThat(rolledBack()).as("55 and 57 (never committed); 56 and 58 stay committed")
                .containsExactlyInAnyOrder(t55, txn.get("l57"));
        assertThat(committedTxns()).containsExactly(txn.get("l56"), txn.get("l58"));
        // the operator skips 55 (or it succeeds when begun again): the machine reaches 56 and finds it committed
        target.labelAnswers.put("l56", new BeginTxnResult.LabelExists("FINISHED", txn.get("l56")));
        target.labelAnswers.put("l58", new BeginTxnResult.LabelExists("FINISHED", txn.get("l58")));
        assertThat(e.execute(begin(1))).isEqualTo(new JobEvent.TxnLabelExists(txn.get("l56"), TxnState.VISIBLE));
        runNext(); // 57 begun early again: 55 was skipped, 56 is committed, so it commits early
        runNext(); // 58: label exists, finished
        assertThat(machineApplies(e, 2)).isInstanceOf(JobEvent.TxnLabelExists.class);
        assertThat(machineApplies(e, 3)).isEqualTo(new JobEvent.TxnLabelExists(txn.get("l58"), TxnState.VISIBLE));
        assertThat(committedTxns()).as("no txn committed twice; 57 once, in its second txn").doesNotHaveDuplicates()
                .hasSize(3).doesNotContain(txn.get("l57"));
    }

    @Test
    void aPauseRollsBackWhatIsNotCommittedAndLeavesTheEarlyCommitsAsTheyAre() {
        Staged st = stagedWith55Open();
        DorisCommandExecutor e = st.e();
        long t55 = st.t55();
        Map<String, Long> txn = st.txn();
        e.release(true);
        assertThat(rolledBack()).as("57 and the machine's 55; 56 and 58 are committed").containsExactlyInAnyOrder(
                txn.get("l57"), t55);
        e.close();
        assertThat(rolledBack()).hasSize(2);
        assertThat(committedTxns()).containsExactly(txn.get("l56"), txn.get("l58"));
    }

    @Test
    void earlyWorkDroppedByAStopBeforeItsIngestEndsIsNeverCommitted() throws Exception {
        DorisCommandExecutor e = executor(true);
        e.execute(begin(0));
        runNext(); // 56 committed early
        runNext(); // 57 ingested, waits for 55
        Runnable t58 = tasks.removeFirst(); // 58 has not run when the job stops
        Thread stopper = new Thread(e::close, "stopper");
        stopper.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stopper.getState() != Thread.State.WAITING) { // dropped the early work, waits for 58's outcome
            assertThat(System.nanoTime()).as("the stop never waited for 58").isLessThan(deadline);
            Thread.onSpinWait();
        }
        t58.run(); // independent of everything open, but dropped: not committed
        stopper.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(stopper.isAlive()).isFalse();
        Map<String, Long> txn = txnOf();
        assertThat(committedTxns()).containsExactly(txn.get("l56"));
        assertThat(rolledBack()).containsExactlyInAnyOrder(txn.get("l55"), txn.get("l57"), txn.get("l58"));
    }
}
