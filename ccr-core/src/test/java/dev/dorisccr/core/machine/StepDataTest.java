package dev.dorisccr.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.spi.TabletCommit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StepDataTest {
    @Test
    void theJsonWrittenLastParsesToTheSameValueAsAFreshRead() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 500; i++) {
            StepData d = random(r);
            String json = d.toJson();
            StepData parsed = StepData.parse(json); // answered from what toJson kept
            other(r).toJson(); // another payload written since: the next parse reads the text
            assertThat(parsed).as("seed %d, %s", seed, json).isEqualTo(d).isEqualTo(StepData.parse(json));
            assertThat(StepData.parse(json).toJson()).as("seed %d", seed).isEqualTo(json);
        }
    }

    @Test
    void aPayloadOutsideTheWrittenRangeIsNotAnsweredFromTheCache() {
        // snapshot_commit_seq and txn_id below -1 are not written: the stored text reads back as -1
        StepData odd = new StepData("s", "", -7, Map.of(), "l", -3, List.of());
        String json = odd.toJson();

        assertThat(StepData.parse(json)).isEqualTo(new StepData("s", "", -1, Map.of(), "l", -1, List.of()));
    }

    @Test
    void theEmptyPayloadIsTheEmptyText() {
        assertThat(StepData.EMPTY.toJson()).isEmpty();
        assertThat(StepData.parse("")).isSameAs(StepData.EMPTY);
    }

    private static StepData other(Random r) {
        return StepData.EMPTY.withTxn("other-" + r.nextInt(1000), r.nextInt(1000));
    }

    private static StepData random(Random r) {
        Map<Long, Long> seqs = new HashMap<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            seqs.put((long) r.nextInt(1_000_000), (long) r.nextInt(1_000_000));
        }
        List<TabletCommit> commits = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            commits.add(new TabletCommit(r.nextInt(100_000), r.nextInt(10)));
        }
        return new StepData(r.nextBoolean() ? "" : "snap_\"" + r.nextInt(99), r.nextBoolean() ? "" : "rst " + r.nextInt(9),
                r.nextInt(5) - 1, seqs, r.nextBoolean() ? "" : "ccrj-job:table_sync:" + r.nextInt(999),
                r.nextInt(5) - 1, commits);
    }
}
