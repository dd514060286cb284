package dev.dorisccr.core.ddl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStatementsTest {
    @Test
    void backupNamesTheTablesAndTheLocalRepository() {
        assertThat(ClusterStatements.backup(Identifier.of("shop"), Identifier.of("ccrs_shop_1"),
                List.of(Identifier.of("orders"), Identifier.of("we`ird"))).text())
                .isEqualTo("BACKUP SNAPSHOT `shop`.`ccrs_shop_1` TO `__keep_on_local__` ON (`orders`, `we``ird`) "
                        + "PROPERTIES (\"type\" = \"full\")");
        assertThat(ClusterStatements.backup(Identifier.of("shop"), Identifier.of("s"), List.of()).text())
                .isEqualTo("BACKUP SNAPSHOT `shop`.`s` TO `__keep_on_local__` PROPERTIES (\"type\" = \"full\")");
    }

    @Test
    void partialBackupNamesOneTableAndItsPartitions() {
        assertThat(ClusterStatements.backupPartitions(Identifier.of("shop"), Identifier.of("ccrp_shop_t_2"),
                Identifier.of("t`1"), List.of(Identifier.of("p1"), Identifier.of("p2"))).text())
                .isEqualTo("BACKUP SNAPSHOT `shop`.`ccrp_shop_t_2` TO `__keep_on_local__` ON (`t``1` PARTITION "
                        + "(`p1`, `p2`)) PROPERTIES (\"type\" = \"full\")");
        assertThat(ClusterStatements.backupPartitions(Identifier.of("shop"), Identifier.of("s"), Identifier.of("t"),
                List.of()).text())
                .isEqualTo("BACKUP SNAPSHOT `shop`.`s` TO `__keep_on_local__` ON (`t`) PROPERTIES (\"type\" = \"full\")");
    }

    @Test
    void showStatementsQuoteNamesAndLiterals() {
        assertThat(ClusterStatements.showBackup(Identifier.of("shop"), "ccrs\"x").text())
                .isEqualTo("SHOW BACKUP FROM `shop` WHERE SnapshotName = \"ccrs\\\"x\"");
        assertThat(ClusterStatements.showRestore(Identifier.of("d"), "l").text())
                .isEqualTo("SHOW RESTORE FROM `d` WHERE Label = \"l\"");
        assertThat(ClusterStatements.showTables(10001).text()).isEqualTo("SHOW PROC '/dbs/10001/'");
        assertThat(ClusterStatements.showCreateTable(QualifiedName.of("d", "t")).text())
                .isEqualTo("SHOW CREATE TABLE `d`.`t`");
        assertThatThrownBy(() -> ClusterStatements.showTables(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
