package dev.dorisccr.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.meta.IndexMeta;
import dev.dorisccr.core.meta.PartitionMeta;
import dev.dorisccr.core.meta.ReplicaMeta;
import dev.dorisccr.core.meta.TableMeta;
import dev.dorisccr.core.meta.TabletMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IngestPlannerTest {
    private static final String RANGE = "[types: [DATE]; keys: [2024-01-01]; ..types: [DATE]; keys: [2024-02-01]; )";

    /** A table with one partition, a base index and a rollup, {@code buckets} tablets, 3 replicas each. */
    private static TableMeta table(long base, String name, int buckets, long replicaVersion) {
        List<IndexMeta> indexes = new ArrayList<>();
        String[] names = {name, "r1"};
        for (int ix = 0; ix < 2; ix++) {
            List<TabletMeta> tablets = new ArrayList<>();
            for (int b = buckets - 1; b >= 0; b--) { // deliberately unsorted
                long tabletId = base + 100 * (ix + 1) + b;
                List<ReplicaMeta> replicas = List.of(
                        new ReplicaMeta(tabletId * 10 + 3, 3, replicaVersion),
                        new ReplicaMeta(tabletId * 10 + 1, 1, replicaVersion),
                        new ReplicaMeta(tabletId * 10 + 2, 2, replicaVersion));
                tablets.add(new TabletMeta(tabletId, replicas));
            }
            indexes.add(new IndexMeta(base + 10 + ix, names[ix], tablets));
        }
        return new TableMeta(base, name, false, "OLAP",
                List.of(new PartitionMeta(base + 1, "p202401", "", RANGE, replicaVersion, false, indexes)));
    }

    @Test
    void pairsTabletsByPositionAndRenamesTheBaseIndex() {
        TableMeta src = table(1000, "orders", 3, 5);
        TableMeta dest = table(9000, "orders_copy", 3, 4);

        List<IngestTask> tasks = IngestPlanner.plan(src, dest,
                new PartitionUpsert(1001, RANGE, 5, false, List.of(1010L, 1011L)), Set.of());

        assertThat(tasks).hasSize(2 * 3 * 3);
        assertThat(tasks).filteredOn(t -> t.srcTabletId() == 1100).extracting(IngestTask::destTabletId)
                .containsOnly(9100L);
        assertThat(tasks).filteredOn(t -> t.srcTabletId() == 1202).extracting(IngestTask::destTabletId)
                .containsOnly(9202L);
        assertThat(tasks).allMatch(t -> t.destPartitionId() == 9001 && t.version() == 5);
        // target replicas in id order are fed by source replicas in id order, round-robin
        assertThat(tasks).filteredOn(t -> t.srcTabletId() == 1100).extracting(IngestTask::srcBackendId)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void skipsTempPartitionsAndSkippedIndexes() {
        TableMeta src = table(1000, "t", 2, 5);
        TableMeta dest = table(9000, "t", 2, 4);

        assertThat(IngestPlanner.plan(src, dest, new PartitionUpsert(1001, RANGE, 5, true, List.of(1010L)), Set.of()))
                .isEmpty();
        assertThat(IngestPlanner.plan(src, dest, new PartitionUpsert(1001, RANGE, 5, false, List.of(1010L, 1011L)),
                Set.of(1011L))).hasSize(2 * 3).allMatch(t -> t.srcTabletId() < 1200);
    }

    @Test
    void mismatchesAreReportedNotSkipped() {
        TableMeta src = table(1000, "t", 3, 5);
        assertMismatch(src, table(9000, "t", 2, 4), new PartitionUpsert(1001, RANGE, 5, false, List.of(1010L)),
                "3 source tablets and 2 target tablets");
        TableMeta renamedBase = table(9000, "x", 3, 4);
        TableMeta wrongBaseName = new TableMeta(9000, "t", false, "OLAP", renamedBase.partitions());
        assertMismatch(src, wrongBaseName, new PartitionUpsert(1001, RANGE, 5, false, List.of(1010L)),
                "no target index named t");
        assertMismatch(src, table(9000, "t", 3, 4), new PartitionUpsert(1001, RANGE, 6, false, List.of(1010L)),
                "has version 6");
        assertMismatch(src, table(9000, "t", 3, 4), new PartitionUpsert(1001, RANGE, 5, false, List.of()),
                "names no index");
        assertMismatch(src, table(9000, "t", 3, 4), new PartitionUpsert(1001, RANGE, 5, false, List.of(77L)),
                "source index 77 not found");
        TableMeta otherRange = new TableMeta(9000, "t", false, "OLAP", List.of(
                new PartitionMeta(9001, "p", "", "[other]", 1, false, List.of())));
        assertMismatch(src, otherRange, new PartitionUpsert(1001, RANGE, 5, false, List.of(1010L)),
                "no target partition with range");
    }

    @Test
    void randomLayoutsAlwaysPairEveryTargetReplicaOnce() {
        long seed = System.nanoTime();
        System.out.println("IngestPlannerTest seed=" + seed);
        Random rnd = new Random(seed);
        for (int round = 0; round < 200; round++) {
            int buckets = 1 + rnd.nextInt(16);
            TableMeta src = table(1000, "t", buckets, 5);
            TableMeta dest = table(9000, "t", buckets, 4);
            List<IngestTask> tasks = IngestPlanner.plan(src, dest,
                    new PartitionUpsert(1001, RANGE, 1 + rnd.nextInt(5), false, List.of(1010L, 1011L)), Set.of());
            assertThat(tasks).as("seed %d", seed).extracting(IngestTask::destReplicaId).doesNotHaveDuplicates()
                    .hasSize(2 * buckets * 3);
            assertThat(tasks).as("seed %d", seed)
                    .allMatch(t -> t.destTabletId() - 9000 == t.srcTabletId() - 1000);
        }
    }

    private static void assertMismatch(TableMeta src, TableMeta dest, PartitionUpsert up, String message) {
        assertThatThrownBy(() -> IngestPlanner.plan(src, dest, up, Set.of()))
                .isInstanceOf(CcrException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.META_MISMATCH));
    }
}
