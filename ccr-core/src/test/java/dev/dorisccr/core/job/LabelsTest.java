package dev.dorisccr.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void ingestLabelsAreDeterministicAndDorisSafe() {
        String a = Labels.ingest("my job.1", 1700000000, SyncType.TABLE_SYNC, 99);

        assertThat(a).isEqualTo("ccrj-my_job_1-1700000000:table_sync:99");
        assertThat(Labels.ingest("my job.1", 1700000000, SyncType.TABLE_SYNC, 99)).isEqualTo(a);
        assertThat(Labels.ingest("my job.1", 1700000001, SyncType.TABLE_SYNC, 99)).isNotEqualTo(a);
        assertThat(Labels.ingest("\u6570\u636e".repeat(100), 1, SyncType.DB_SYNC, 3)).matches("[-_A-Za-z0-9:]{1,128}");
    }

    @Test
    void snapshotAndRestoreNames() {
        assertThat(Labels.fullSnapshot("demo", "", 3)).isEqualTo("ccrs_demo_3");
        assertThat(Labels.fullSnapshot("demo", "t", 3)).isEqualTo("ccrs_demo_t_3");
        assertThat(Labels.partialSnapshot("demo", "t", 4)).isEqualTo("ccrp_demo_t_4");
        assertThat(Labels.restore("ccrs_demo_3", 1)).isEqualTo("ccrs_demo_3_r_1");
        assertThat(Labels.aliasTable("orders", 17)).isEqualTo("__ccr_orders_17");
    }
}
