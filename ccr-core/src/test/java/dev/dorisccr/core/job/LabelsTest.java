package dev.dorisccr.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void ingestLabelsAreDeterministicAndDorisSafe() {
        String a = Labels.tableIngest("my job.1", 1, 2, 3, 4, 99);

        assertThat(a).isEqualTo("ccrj-my_job_1:table_sync:1_2:3_4:99");
        assertThat(Labels.tableIngest("my job.1", 1, 2, 3, 4, 99)).isEqualTo(a);
        assertThat(Labels.dbIngest("j", 10, 20, 7)).isEqualTo("ccrj-j:db_sync:10:20:7");
        assertThat(Labels.dbIngest("\u6570\u636e".repeat(100), 1, 2, 3)).matches("[-_A-Za-z0-9:]{1,128}");
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
