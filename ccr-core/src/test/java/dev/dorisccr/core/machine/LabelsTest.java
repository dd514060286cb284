package dev.dorisccr.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.SyncType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void ingestLabelsAreDeterministicAndDorisSafe() {
        String a = Labels.ingest("my job.1", 1700000000, 0, SyncType.TABLE_SYNC, 99);

        assertThat(a).isEqualTo("ccrj-my_job_1-1700000000:table_sync:99");
        assertThat(Labels.ingest("my job.1", 1700000000, 0, SyncType.TABLE_SYNC, 99)).isEqualTo(a);
        assertThat(Labels.ingest("my job.1", 1700000001, 0, SyncType.TABLE_SYNC, 99)).isNotEqualTo(a);
        assertThat(Labels.ingest("my job.1", 1700000000, 7, SyncType.TABLE_SYNC, 99))
                .isEqualTo("ccrj-my_job_1-1700000000-7:table_sync:99");
        assertThat(Labels.ingest("\u6570\u636e".repeat(100), 1, 12, SyncType.DB_SYNC, 3)).matches("[-_A-Za-z0-9:]{1,128}");
    }

    @Test
    void snapshotAndRestoreNames() {
        assertThat(Labels.fullSnapshot("demo", "", 0, 3)).isEqualTo("ccrs_demo_3");
        assertThat(Labels.fullSnapshot("demo", "t", 0, 3)).isEqualTo("ccrs_demo_t_3");
        assertThat(Labels.partialSnapshot("demo", "t", 0, 4)).isEqualTo("ccrp_demo_t_4");
        assertThat(Labels.fullSnapshot("demo", "t", 9, 3)).isEqualTo("ccrs_demo_t_3-9");
        assertThat(Labels.partialSnapshot("demo", "t", 9, 4)).isEqualTo("ccrp_demo_t_4-9");
        assertThat(Labels.restore("ccrs_demo_3", 1)).isEqualTo("ccrs_demo_3_r_1");
        assertThat(Labels.aliasTable("orders", 17)).isEqualTo("__ccr_orders_17");
    }

    @Test
    void jobsOfTheSameNameInDifferentIncarnationsNeverShareALabel() {
        Set<String> seen = new HashSet<>();
        for (String table : List.of("", "t", "t_1", "t_1-2", "1")) {
            for (long incarnation = 0; incarnation < 4; incarnation++) {
                for (long sync = 0; sync < 4; sync++) {
                    assertThat(seen.add(Labels.fullSnapshot("db", table, incarnation, sync)))
                            .as("%s %d %d", table, incarnation, sync).isTrue();
                }
            }
        }
    }
}
