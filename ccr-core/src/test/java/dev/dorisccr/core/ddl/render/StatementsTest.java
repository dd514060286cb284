package dev.dorisccr.core.ddl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementsTest {
    private static final QualifiedName T = QualifiedName.of("db", "t");

    private static Identifier id(String name) {
        return Identifier.of(name);
    }

    @Test
    void desyncOneAndManyTables() {
        assertThat(DesyncStatements.forTable(T).text())
                .isEqualTo("ALTER TABLE `db`.`t` SET (\"is_being_synced\" = \"false\")");
        assertThat(DesyncStatements.forTables(List.of(T, QualifiedName.of("d`b", "表"), T)))
                .extracting(Sql::text)
                .containsExactly("ALTER TABLE `db`.`t` SET (\"is_being_synced\" = \"false\")",
                        "ALTER TABLE `d``b`.`表` SET (\"is_being_synced\" = \"false\")");
        assertThat(DesyncStatements.forTables(List.of())).isEmpty();
    }

    @Test
    void addPartitionWithEachBoundKind() {
        assertThat(Statements.addPartition(T, id("p1"), new PartitionBound.LessThan(List.of("10", "a\"b")), false).text())
                .isEqualTo("ALTER TABLE `db`.`t` ADD PARTITION IF NOT EXISTS `p1` VALUES LESS THAN (\"10\", \"a\\\"b\")");
        assertThat(Statements.addPartition(T, id("pmax"), PartitionBound.LessThan.maxValue(), false).text())
                .isEqualTo("ALTER TABLE `db`.`t` ADD PARTITION IF NOT EXISTS `pmax` VALUES LESS THAN (MAXVALUE)");
        assertThat(Statements.addPartition(T, id("p2"),
                        new PartitionBound.Range(List.of("2020-01-01"), List.of("2020-02-01")), true).text())
                .isEqualTo("ALTER TABLE `db`.`t` ADD TEMPORARY PARTITION `p2` VALUES [(\"2020-01-01\"), (\"2020-02-01\"))");
        assertThat(Statements.addPartition(T, id("p3"),
                        new PartitionBound.In(List.of(List.of("cn", "1"), List.of("us", "2"))), false).text())
                .isEqualTo("ALTER TABLE `db`.`t` ADD PARTITION IF NOT EXISTS `p3` VALUES IN ((\"cn\", \"1\"), (\"us\", \"2\"))");
    }

    @Test
    void partitionBoundsRejectBadShapes() {
        assertThatThrownBy(() -> new PartitionBound.Range(List.of("a"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionBound.In(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionBound.In(List.of(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropsAreIdempotent() {
        assertThat(Statements.dropPartition(T, id("p1"), false, false).text())
                .isEqualTo("ALTER TABLE `db`.`t` DROP PARTITION IF EXISTS `p1`");
        assertThat(Statements.dropPartition(T, id("p1"), true, true).text())
                .isEqualTo("ALTER TABLE `db`.`t` DROP TEMPORARY PARTITION IF EXISTS `p1` FORCE");
        assertThat(Statements.dropTable(T, false).text()).isEqualTo("DROP TABLE IF EXISTS `db`.`t`");
        assertThat(Statements.dropTable(T, true).text()).isEqualTo("DROP TABLE IF EXISTS `db`.`t` FORCE");
        assertThat(Statements.dropView(QualifiedName.of("db", "v")).text()).isEqualTo("DROP VIEW IF EXISTS `db`.`v`");
    }

    @Test
    void renames() {
        assertThat(Statements.renameTable(T, id("t2")).text()).isEqualTo("ALTER TABLE `db`.`t` RENAME `t2`");
        assertThat(Statements.renameColumn(T, id("a"), id("select")).text())
                .isEqualTo("ALTER TABLE `db`.`t` RENAME COLUMN `a` `select`");
        assertThat(Statements.renamePartition(T, id("p1"), id("p`2")).text())
                .isEqualTo("ALTER TABLE `db`.`t` RENAME PARTITION `p1` `p``2`");
        assertThat(Statements.renameRollup(T, id("r1"), id("r2")).text())
                .isEqualTo("ALTER TABLE `db`.`t` RENAME ROLLUP `r1` `r2`");
    }

    @Test
    void truncateCommentReplaceAndCreateDatabase() {
        assertThat(Statements.truncate(T, List.of()).text()).isEqualTo("TRUNCATE TABLE `db`.`t`");
        assertThat(Statements.truncate(T, List.of(id("p1"), id("p2"))).text())
                .isEqualTo("TRUNCATE TABLE `db`.`t` PARTITION (`p1`, `p2`)");
        assertThat(Statements.modifyTableComment(T, "it's \"new\"").text())
                .isEqualTo("ALTER TABLE `db`.`t` MODIFY COMMENT \"it's \\\"new\\\"\"");
        assertThat(Statements.replaceTable(T, id("t_new"), true).text())
                .isEqualTo("ALTER TABLE `db`.`t` REPLACE WITH TABLE `t_new` PROPERTIES (\"swap\" = \"true\")");
        assertThat(Statements.createDatabase(id("db")).text()).isEqualTo("CREATE DATABASE IF NOT EXISTS `db`");
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> Statements.dropTable(null, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Statements.addPartition(T, id("p"), null, false))
                .isInstanceOf(NullPointerException.class);
    }
}
