package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.syncer.SkipBy;
import dev.dorisccr.server.view.HistoryEvent;
import dev.dorisccr.server.view.JobHistory;
import dev.dorisccr.server.view.LagPoint;
import dev.dorisccr.server.view.StatusSampler;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page's sampler over the real engine and simulated clusters: a new job's history
 * shows its full sync and its arrival at CAUGHT_UP, a binlog that cannot apply shows up as an error
 * with the operator's options, skipping it as a recovery, and a forced full sync with its reason.
 */
class StatusPageE2ETest {
    @TempDir Path dir;
    private E2eHarness h;
    private StatusSampler sampler;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE shop.t (k INT NOT NULL, v VARCHAR(20)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2");
        h.src.sql("INSERT INTO shop.t VALUES (1, 'a'), (2, 'b')");
        h.dst.sql("CREATE DATABASE shop");
        sampler = new StatusSampler(h.syncer, h.time, h.time, Duration.ofSeconds(10), 180, 100);
        sampler.start();
    }

    @AfterEach
    void stop() throws Exception {
        sampler.close();
        h.close();
    }

    private JobHistory job() {
        return sampler.snapshot().job("j").orElseThrow();
    }

    @Test
    void aJobsLifeOnThePage() {
        h.create(h.createBody("j", "shop", "t", "shop", "t"));
        h.run(Duration.ofMinutes(2));

        JobHistory j = job();
        assertThat(j.latest().observed().state()).isEqualTo(ObservedState.CAUGHT_UP);
        assertThat(j.latest().fullSyncReason()).isNotEmpty();
        assertThat(j.latest().fullSyncStartAtSeconds()).isPositive();
        assertThat(j.latest().lag()).hasValueSatisfying(l -> assertThat(l.lag()).isZero());
        assertThat(j.lag()).hasSizeGreaterThanOrEqualTo(10).extracting(LagPoint::lag).last().isEqualTo(0L);
        assertThat(j.events()).first().satisfies(e -> assertThat(e.kind()).isEqualTo(HistoryEvent.Kind.SEEN));
        assertThat(j.events()).extracting(HistoryEvent::text).last().asString().endsWith("→ CAUGHT_UP");

        h.dst.sql("ALTER TABLE shop.t ADD COLUMN w INT");
        h.src.sql("ALTER TABLE shop.t RENAME COLUMN v w");
        long renameSeq = h.src.binlogs("shop", "t").get(h.src.binlogs("shop", "t").size() - 1).commitSeq();
        h.run(Duration.ofMinutes(1));

        j = job();
        assertThat(j.latest().observed().error()).hasValueSatisfying(e -> {
            assertThat(e.message()).contains("Duplicate column");
            assertThat(e.actions()).isNotEmpty();
        });
        assertThat(j.events()).filteredOn(e -> e.kind() == HistoryEvent.Kind.ERROR).singleElement()
                .satisfies(e -> assertThat(e.text()).contains("(binlog " + renameSeq + ")"));

        h.syncer.skipBinlog("j", SkipBy.SILENCE, renameSeq);
        h.dst.sql("ALTER TABLE shop.t DROP COLUMN v");
        h.run(Duration.ofMinutes(1));
        assertThat(job().events()).extracting(HistoryEvent::kind).contains(HistoryEvent.Kind.RECOVERED);
        assertThat(job().latest().observed().state()).isEqualTo(ObservedState.CAUGHT_UP);

        h.syncer.forceFullSync("j");
        h.run(Duration.ofMinutes(2));
        assertThat(job().events()).filteredOn(e -> e.kind() == HistoryEvent.Kind.FULL_SYNC).singleElement()
                .satisfies(e -> assertThat(e.text()).startsWith("full sync started (reason: "));
        assertThat(job().latest().observed().state()).isEqualTo(ObservedState.CAUGHT_UP);
    }
}
