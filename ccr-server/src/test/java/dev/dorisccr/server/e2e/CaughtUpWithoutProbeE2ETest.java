package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.spi.ForwardingMetadataStore;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.syncer.BinlogProbeSettings;
import dev.dorisccr.core.syncer.JobStatus;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented recipe to wait for writes ({@code caught_up} true with {@code observed.since}
 * after them, as {@code ccr-syncer demo} waits) with the shared binlog probe off: the job's own
 * fetch is then the only one to learn of the writes. The status is read at every progress write of
 * the job (the moments between "fetched the binlogs" and "applied them", which no poll from the
 * outside can be sure to hit) and on a 500 ms poll; whenever the recipe says done the target must
 * equal the source, and once the writes are applied it must say done within the documented 10 s.
 */
class CaughtUpWithoutProbeE2ETest {
    @TempDir Path dir;

    /** One look at the job: the recipe's inputs and whether the target held the source's rows then. */
    private record Look(String where, long atMs, boolean caughtUp, String state, long sinceMs, boolean same) {
        boolean recipeDone(long writesAtMs) {
            return caughtUp && sinceMs >= writesAtMs;
        }
    }

    @Test
    void caughtUpWithSinceAfterTheWritesMeansTheyAreAppliedWhenTheJobPollsOnItsOwn() throws Exception {
        AtomicReference<Supplier<Look>> look = new AtomicReference<>();
        List<Look> atWrites = Collections.synchronizedList(new ArrayList<>());
        UnaryOperator<MetadataStore> watched = s -> new ForwardingMetadataStore(s) {
            @Override
            protected <T> T around(Operation op, String subject, Supplier<T> call) {
                Supplier<Look> l = look.get();
                if (op == Operation.PROGRESS_PUT && "j".equals(subject) && l != null) {
                    atWrites.add(l.get()); // the runner's thread, between its status and its checkpoint
                }
                return call.get();
            }
        };
        try (E2eHarness h = new E2eHarness(dir, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2), watched, JobListener.NONE,
                b -> b.binlogProbe(BinlogProbeSettings.DISABLED))) {
            h.createShop();
            h.startDbJob("j", "shop");
            h.run(Duration.ofSeconds(15));
            assertThat(h.syncer.binlogProbes()).as("no probe: the job polls on its own").allSatisfy(
                    p -> assertThat(p.served()).isFalse());
            assertThat(h.syncer.status("j").caughtUp()).as("idle after the copy").isTrue();

            for (String[] round : new String[][] {
                    {"INSERT INTO shop.users VALUES (2, 'bob'), (3, 'cid')"},
                    {"ALTER TABLE shop.users ADD COLUMN age INT DEFAULT \"0\"", "INSERT INTO shop.users VALUES (4, 'dan', 40)"},
                    {"DELETE FROM shop.users WHERE id = 1"}}) {
                atWrites.clear();
                long writesAt = h.time.millis();
                look.set(() -> look(h, "progress write", writesAt));
                for (String sql : round) {
                    h.src.sql(sql);
                }
                Look done = null;
                List<Look> polls = new ArrayList<>();
                for (int i = 0; i < 40 && done == null; i++) { // the demo's poll: twice a second, 20 s at most
                    h.run(Duration.ofMillis(500));
                    Look p = look(h, "poll", writesAt);
                    polls.add(p);
                    if (p.recipeDone(writesAt)) {
                        done = p;
                    }
                }
                look.set(null);
                List<Look> all = new ArrayList<>(atWrites);
                all.addAll(polls);
                assertThat(all).as("%s: every look where the recipe says done has the writes applied", round[0])
                        .filteredOn(l -> l.recipeDone(writesAt)).allSatisfy(l -> assertThat(l.same()).as(l.toString())
                                .isTrue());
                assertThat(atWrites).as("%s: the job's progress writes saw the writes unapplied (the window tested)",
                        round[0]).anyMatch(l -> !l.same());
                assertThat(done).as("%s: caught up again after the writes: %s", round[0], polls).isNotNull();
                assertThat(done.atMs() - writesAt).as("%s: within the documented 10 s", round[0])
                        .isLessThanOrEqualTo(10_000);
            }
            assertThat(h.syncer.status("j").lastError()).isEmpty();
            h.assertSameTable("shop", "users", "shop", "users"); // rows, schema and partitions at the end
        }
    }

    private static Look look(E2eHarness h, String where, long writesAt) {
        JobStatus s = h.syncer.status("j");
        boolean same = h.dst.rows("shop", "users").stream().map(Object::toString).sorted().toList()
                .equals(h.src.rows("shop", "users").stream().map(Object::toString).sorted().toList());
        return new Look(where, h.time.millis(), s.caughtUp(), s.observed().state().name(), s.observed().sinceMs(), same);
    }
}
