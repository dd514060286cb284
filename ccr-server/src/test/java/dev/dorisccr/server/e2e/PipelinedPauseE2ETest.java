package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.RpcFaults;
import dev.dorisccr.testkit.doris.SimTxn;
import dev.dorisccr.thrift.gen.TStatusCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelined apply (depth 4, a shared lookahead pool of 2 threads) through the production wiring:
 * the operator pauses or deletes a db job while upserts are in flight (the current one ingested,
 * the next ones begun early). The target's txn table must show no open txn of the job's labels
 * right after, without waiting for any txn timeout; a resumed job then ends with the target equal
 * to the source and no label committed twice.
 */
class PipelinedPauseE2ETest {
    @TempDir Path dir;

    /** Acts once, from the job's thread, right after an upsert was ingested (its commit not sent yet). */
    private static final class OnIngest implements JobListener {
        final AtomicReference<Consumer<String>> action = new AtomicReference<>();

        @Override
        public void ingested(String job, int tablets, long bytes, Duration took) {
            Consumer<String> a = action.getAndSet(null);
            if (a != null) {
                a.accept(job);
            }
        }
    }

    private static E2eHarness harness(Path home, OnIngest hook) {
        return new E2eHarness(home, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2), s -> s, hook,
                b -> b.pipelineDepth(4).lookaheadThreads(2));
    }

    private static void setUp(E2eHarness h) {
        h.createShop();
        h.create(h.createBody("j", "shop", "", "shop", ""));
        h.run(Duration.ofMinutes(1));
        h.assertSameRows("shop", "users", "shop", "users");
    }

    private static void burst(E2eHarness h) {
        // one fetch: six upserts in the window, the current one and up to three begun early
        h.src.sql("INSERT INTO shop.users VALUES (2, 'bob')");
        h.src.sql("INSERT INTO shop.events VALUES (1, 'login')");
        h.src.sql("INSERT INTO shop.users VALUES (1, 'ann, again')");
        h.src.sql("INSERT INTO shop.events VALUES (2, 'click')");
        h.src.sql("INSERT INTO shop.users VALUES (3, 'cid')");
        h.src.sql("INSERT INTO shop.events VALUES (3, 'logout')");
    }

    private static List<SimTxn> jobTxns(E2eHarness h) {
        return h.dst.txns().stream().filter(t -> t.label().startsWith("ccrj-")).toList();
    }

    private static void assertNoneOpen(E2eHarness h, String when) {
        assertThat(jobTxns(h)).as(when + ": txns of the job's labels left open")
                .noneMatch(t -> t.state() == SimTxn.State.PREPARE);
    }

    private static void assertNoLabelCommittedTwice(E2eHarness h) {
        Set<String> committed = new HashSet<>();
        for (SimTxn t : jobTxns(h)) {
            if (t.state() == SimTxn.State.VISIBLE) {
                assertThat(committed.add(t.label())).as("label %s committed twice", t.label()).isTrue();
            }
        }
    }

    /** The operator resumes the job: it ends equal to the source, nothing open, no label committed twice. */
    private static void resumeEndsEqualExactlyOnce(E2eHarness h) {
        h.syncer.resume("j");
        h.run(Duration.ofMinutes(1));
        h.assertSameRows("shop", "users", "shop", "users");
        h.assertSameRows("shop", "events", "shop", "events");
        assertNoneOpen(h, "resumed");
        assertNoLabelCommittedTwice(h);
        assertThat(h.syncer.lag("j").lag()).isZero();
    }

    @Test
    void aJobPausedWithUpsertsInFlightRollsThemBackAtOnceAndResumesExactlyOnce() throws Exception {
        OnIngest hook = new OnIngest();
        try (E2eHarness h = harness(dir.resolve("pause"), hook)) {
            setUp(h);
            int before = jobTxns(h).size();
            hook.action.set(job -> h.syncer.pause(job));
            burst(h);
            h.run(Duration.ofSeconds(30));

            assertThat(hook.action.get()).as("the pause came while an upsert was in flight").isNull();
            assertThat(h.syncer.detail("j").state()).isEqualTo(dev.dorisccr.core.spi.DesiredState.PAUSED);
            List<SimTxn> during = jobTxns(h).subList(before, jobTxns(h).size());
            assertNoneOpen(h, "paused");
            // the ingested one (its commit never sent) and the ones begun early: all aborted, none committed
            assertThat(during.stream().filter(t -> t.state() == SimTxn.State.ABORTED).count())
                    .as("txns rolled back by the pause: %s", during).isGreaterThanOrEqualTo(2);
            assertThat(h.dst.rows("shop", "events")).as("nothing of the burst committed").isEmpty();

            // a restart of the syncer finds nothing open and the job still paused
            h.engine.close();
            h.startSyncer("127.0.0.1:9191");
            h.run(Duration.ofSeconds(30));
            assertNoneOpen(h, "restarted, paused");

            resumeEndsEqualExactlyOnce(h);
        }
    }

    @Test
    void aJobThatFailsWithUpsertsInFlightLeavesNoTxnOpenWhileItWaitsAndResumesExactlyOnce() throws Exception {
        OnIngest hook = new OnIngest();
        try (E2eHarness h = harness(dir.resolve("halt"), hook)) {
            setUp(h);
            // every commit refused with an error retrying cannot fix: the job stops and waits for the operator
            h.dst.faults().add("commitTxn", 1.0, -1, new RpcFaults.Fault.Status(TStatusCode.ANALYSIS_ERROR,
                    "simulated: commit refused"));
            burst(h);
            h.run(Duration.ofMinutes(2));

            assertThat(h.syncer.status("j").observed().state()).isEqualTo(ObservedState.FAILED);
            assertNoneOpen(h, "failed, waiting for the operator");
            assertThat(h.dst.rows("shop", "events")).as("nothing of the burst committed").isEmpty();
            h.run(Duration.ofMinutes(1));
            assertThat(h.syncer.status("j").observed().state()).as("still waiting").isEqualTo(ObservedState.FAILED);
            assertNoneOpen(h, "still failed");

            h.dst.faults().clear();
            resumeEndsEqualExactlyOnce(h);
        }
    }

    @Test
    void aJobDeletedWithUpsertsInFlightLeavesNoTxnOpen() throws Exception {
        OnIngest hook = new OnIngest();
        try (E2eHarness h = harness(dir.resolve("delete"), hook)) {
            setUp(h);
            hook.action.set(job -> h.syncer.delete(job));
            burst(h);
            h.run(Duration.ofSeconds(30));

            assertThat(hook.action.get()).as("the delete came while an upsert was in flight").isNull();
            assertThat(h.syncer.list()).doesNotContain("j");
            assertNoneOpen(h, "deleted");
            assertNoLabelCommittedTwice(h);
            h.skipConvergenceCheck(); // deleted mid-burst: the target stops where it was
        }
    }
}
