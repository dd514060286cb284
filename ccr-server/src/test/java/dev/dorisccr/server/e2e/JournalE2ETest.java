package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.json.SyncProgressJson;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalOutcome;
import dev.dorisccr.core.spi.JournalQuery;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressRecord;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.core.syncer.SkipBy;
import dev.dorisccr.testkit.doris.SimBinlog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply journal over the simulator with the production wiring (SQLite store, Thrift and MySQL
 * clients): a database job through loads, a DDL, a binlog skipped by the operator, a partial sync
 * and a forced full sync lists each with the right outcome and commit seq; a syncer killed at a
 * checkpoint leaves no entry its stored progress does not back, and the syncer taking over
 * journals the rest without a duplicate. The target equals the source at the end.
 */
class JournalE2ETest {
    @TempDir Path dir;

    /** The first syncer's store: dies (the process is gone) at the journaled write {@code dieAt} once armed. */
    static final class DyingStore implements MetadataStore {
        final MetadataStore real;
        final AtomicInteger dieAt = new AtomicInteger(-1);
        final AtomicBoolean dead = new AtomicBoolean();

        DyingStore(MetadataStore real) {
            this.real = real;
        }

        private void check() {
            if (dead.get()) {
                throw new CcrException(ErrorCode.LEASE_LOST, "the syncer process died (test)");
            }
        }

        @Override
        public JobStore jobs() {
            check();
            return real.jobs();
        }

        @Override
        public LeaseStore leases() {
            check();
            return real.leases();
        }

        @Override
        public ProgressStore progress() {
            ProgressStore p = real.progress();
            return new ProgressStore() {
                @Override
                public Optional<ProgressRecord> get(String jobName) {
                    check();
                    return p.get(jobName);
                }

                @Override
                public void put(String jobName, String progress, long fencingToken) {
                    check();
                    p.put(jobName, progress, fencingToken);
                }

                @Override
                public void put(String jobName, String progress, long fencingToken, List<JournalEntry> journal) {
                    check();
                    if (dieAt.get() > 0 && dieAt.decrementAndGet() == 0) {
                        dead.set(true); // instead of this write: the entries and the progress are both lost
                        check();
                    }
                    p.put(jobName, progress, fencingToken, journal);
                }

                @Override
                public boolean keepsJournal() {
                    return p.keepsJournal();
                }

                @Override
                public List<JournalEntry> journal(JournalQuery query) {
                    check();
                    return p.journal(query);
                }

                @Override
                public int pruneJournal(Instant before, int keepPerJob) {
                    check();
                    return p.pruneJournal(before, keepPerJob);
                }
            };
        }

        @Override
        public void close() {
            real.close();
        }
    }

    private static long lastSeq(E2eHarness h) {
        List<SimBinlog> all = h.src.binlogs("shop");
        return all.get(all.size() - 1).commitSeq();
    }

    private static List<JournalEntry> journal(E2eHarness h) {
        List<JournalEntry> newestFirst = h.syncer.journal(JournalQuery.latest("shop_job").withLimit(1000));
        List<JournalEntry> out = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    private static JournalEntry at(List<JournalEntry> j, long seq, JournalOutcome outcome) {
        return j.stream().filter(e -> e.commitSeq() == seq && e.outcome() == outcome).findFirst()
                .orElseThrow(() -> new AssertionError("no " + outcome + " entry at " + seq + " in " + j));
    }

    @Test
    void everyBinlogIsJournaledWithItsOutcomeAndACrashLeavesNothingUnbacked() throws Exception {
        DyingStore[] dying = new DyingStore[1];
        try (E2eHarness h = new E2eHarness(dir, dev.dorisccr.testkit.doris.FakeDorisCluster.builder().name("src")
                .backends(2), dev.dorisccr.testkit.doris.FakeDorisCluster.builder().name("dst").backends(2),
                s -> dying[0] = new DyingStore(s))) {
            h.createShop();
            h.create(h.createBody("shop_job", "shop", "", "shop", ""));
            h.run(Duration.ofMinutes(2));
            List<JournalEntry> j = journal(h);
            assertThat(j).extracting(JournalEntry::outcome).containsExactly(JournalOutcome.FULL_SYNC);
            assertThat(j.get(0).detail()).contains("new job");

            // loads and a DDL
            h.src.sql("INSERT INTO shop.users VALUES (2, 'bob')");
            long load = lastSeq(h);
            h.src.sql("ALTER TABLE shop.users ADD COLUMN age INT DEFAULT \"0\"");
            long ddl = lastSeq(h);
            h.src.sql("INSERT INTO shop.events VALUES (1, 'login')");
            long load2 = lastSeq(h);
            h.run(Duration.ofMinutes(1));
            j = journal(h);
            JournalEntry l = at(j, load, JournalOutcome.APPLIED);
            assertThat(l.binlogType()).isEqualTo("UPSERT");
            assertThat(l.tables()).containsExactly("users");
            assertThat(l.label()).startsWith("ccrj-");
            assertThat(l.txnId()).isPositive();
            assertThat(at(j, ddl, JournalOutcome.APPLIED).binlogType()).isEqualTo("MODIFY_TABLE_ADD_OR_DROP_COLUMNS");
            assertThat(at(j, load2, JournalOutcome.APPLIED).tables()).containsExactly("events");

            // a binlog the operator skips before the job reaches it (the target misses its row until the full sync)
            h.src.sql("INSERT INTO shop.events VALUES (2, 'skipped')");
            long skipped = lastSeq(h);
            h.syncer.skipBinlog("shop_job", SkipBy.SILENCE, skipped);
            h.run(Duration.ofMinutes(1));
            assertThat(at(journal(h), skipped, JournalOutcome.SKIPPED).detail()).isEqualTo("skipped by the operator");
            assertThat(h.dst.rows("shop", "events")).hasSize(1);

            // a schema change job: the table is copied again by a partial sync
            h.src.sql("ALTER TABLE shop.users MODIFY COLUMN name STRING");
            long alter = lastSeq(h);
            h.run(Duration.ofMinutes(3));
            JournalEntry partial = at(journal(h), alter, JournalOutcome.PARTIAL_SYNC);
            assertThat(partial.binlogType()).isEqualTo("ALTER_JOB");
            assertThat(partial.detail()).startsWith("copied table users");
            assertThat(partial.label()).isNotEmpty();

            // a crash at the second journaled write from here: neither its entries nor its progress are stored
            dying[0].dieAt.set(2);
            for (int i = 3; i <= 6; i++) {
                h.src.sql("INSERT INTO shop.users VALUES (" + i + ", 'u" + i + "', " + i + ")");
            }
            for (int i = 0; i < 60 && !dying[0].dead.get(); i++) {
                h.run(Duration.ofSeconds(1));
            }
            assertThat(dying[0].dead.get()).as("the syncer died at a checkpoint").isTrue();
            long stored = SyncProgressJson.read(dying[0].real.progress().get("shop_job").orElseThrow().progress())
                    .prevCommitSeq();
            List<JournalEntry> atCrash = dying[0].real.progress().journal(JournalQuery.latest("shop_job").withLimit(1000));
            assertThat(atCrash).as("no entry beyond the stored progress %d", stored)
                    .allSatisfy(e -> assertThat(e.commitSeq()).isLessThanOrEqualTo(stored));
            assertThat(atCrash.get(0).commitSeq()).as("the stored progress has its entry").isEqualTo(stored);
            assertThat(stored).as("the crash came before the last load").isLessThan(lastSeq(h));
            h.crashSyncer();
            h.startSyncer("127.0.0.1:9191");
            h.run(Duration.ofMinutes(2));

            // a forced full sync: copies everything again (the skipped row too)
            long beforeForce = lastSeq(h);
            h.syncer.forceFullSync("shop_job");
            h.run(Duration.ofMinutes(3));
            j = journal(h);
            JournalEntry full = j.get(j.size() - 1);
            assertThat(full.outcome()).isEqualTo(JournalOutcome.FULL_SYNC);
            assertThat(full.detail()).contains("operator asked for a full sync");
            assertThat(full.commitSeq()).isEqualTo(h.syncer.progress("shop_job").prevCommitSeq());

            // one entry per binlog, each backed by the progress, none twice
            long first = j.get(0).commitSeq();
            List<Long> perBinlog = j.stream().filter(e -> e.outcome() == JournalOutcome.APPLIED
                    || e.outcome() == JournalOutcome.SKIPPED || e.outcome() == JournalOutcome.PARTIAL_SYNC)
                    .map(JournalEntry::commitSeq).toList();
            assertThat(perBinlog).doesNotHaveDuplicates();
            List<Long> handled = h.src.binlogs("shop").stream().map(SimBinlog::commitSeq)
                    .filter(s -> s > first && s <= beforeForce).toList();
            assertThat(perBinlog).as("every binlog after the first copy up to the forced one, journal " + j)
                    .containsExactlyElementsOf(handled);
            assertThat(j.stream().filter(e -> e.outcome() == JournalOutcome.APPLIED
                    && e.detail().startsWith("committed by an earlier attempt")).count())
                    .as("the binlog whose checkpoint died was found committed").isLessThanOrEqualTo(1);

            h.assertSameTable("shop", "users", "shop", "users");
            h.assertSameTable("shop", "events", "shop", "events");
        }
    }
}
