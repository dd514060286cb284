package dev.dorisccr.core.ddl.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

class CreateTableRewriterTest {
    private static final RewriteOptions NONE = RewriteOptions.defaults();

    private static final String SOURCE = """
            CREATE TABLE `tbl` (
              `k1` date NULL,
              `k2` int NULL COMMENT "PROPERTIES (\\"storage_policy\\" = \\"x\\")",
              `v` varchar(20) NULL DEFAULT "BUCKETS AUTO" -- "colocate_with" = "g"
            ) ENGINE=OLAP
            DUPLICATE KEY(`k1`, `k2`)
            COMMENT 'OLAP /* is_being_synced */'
            PARTITION BY RANGE(`k1`)
            (PARTITION p1 VALUES [('2020-01-01'), ('2020-02-01')),
            PARTITION p2 VALUES [('2020-02-01'), ('2020-03-01')))
            DISTRIBUTED BY HASH(`k2`) BUCKETS AUTO
            PROPERTIES (
            "replication_allocation" = "tag.location.default: 1",
            "storage_policy" = "cold",
            "colocate_with" = "g1",
            "is_being_synced" = "false",
            "dynamic_partition.enable" = "true",
            "light_schema_change" = "true"
            );""";

    private static String rewrite(String sql, RewriteOptions options) {
        return CreateTableRewriter.rewrite(sql, options).text();
    }

    @Test
    void rewritesTheFeOutputAndKeepsLookAlikeTextInStringsAndComments() {
        RewriteResult result = CreateTableRewriter.rewriteWithNotes(SOURCE,
                NONE.withTargetDatabase(Identifier.of("dst")).withTargetTable(Identifier.of("tbl_copy"))
                        .withSourceBuckets(16));
        String expected = SOURCE
                .replace("CREATE TABLE `tbl`", "CREATE TABLE `dst`.`tbl_copy`")
                .replace("HASH(`k2`) BUCKETS AUTO", "HASH(`k2`) BUCKETS 16")
                .replace("\"storage_policy\" = \"cold\",\n\"colocate_with\" = \"g1\",\n", "")
                .replace("\"is_being_synced\" = \"false\"", "\"is_being_synced\" = \"true\"");
        assertThat(result.sql().text()).isEqualTo(expected);
        assertThat(result.notes()).contains(
                "renamed `tbl` -> `dst`.`tbl_copy`",
                "BUCKETS AUTO -> BUCKETS 16 (source bucket count)",
                "erased property storage_policy",
                "erased property colocate_with",
                "set is_being_synced = true (was false)");
    }

    @Test
    void keepsAutoBucketsWithoutSourceCountAndSaysSo() {
        RewriteResult result = CreateTableRewriter.rewriteWithNotes(SOURCE, NONE);
        assertThat(result.sql().text()).contains("BUCKETS AUTO\n").contains("CREATE TABLE `tbl` (");
        assertThat(result.notes()).anyMatch(n -> n.startsWith("kept BUCKETS AUTO"));
    }

    @Test
    void keepsDynamicPartitionProperties() {
        assertThat(rewrite(SOURCE, NONE)).contains("\"dynamic_partition.enable\" = \"true\"");
        String sql = "CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES "
                + "(\"dynamic_partition.storage_policy\" = \"p\", \"dynamic_partition.time_unit\" = \"DAY\")";
        assertThat(rewrite(sql, NONE)).isEqualTo("CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                + "PROPERTIES (\"dynamic_partition.time_unit\" = \"DAY\", \"is_being_synced\" = \"true\")");
    }

    @Test
    void addsIsBeingSyncedWithTheBlocksOwnSeparator() {
        String sql = "CREATE TABLE t (k INT) PROPERTIES (\"a\" = \"1\",  \"b\" = \"2\")";
        assertThat(rewrite(sql, NONE))
                .isEqualTo("CREATE TABLE t (k INT) PROPERTIES (\"a\" = \"1\",  \"b\" = \"2\",  \"is_being_synced\" = \"true\")");
        String one = "CREATE TABLE t (k INT)\nPROPERTIES (\n\"a\" = \"1\"\n)";
        assertThat(rewrite(one, NONE)).isEqualTo("CREATE TABLE t (k INT)\nPROPERTIES (\n\"a\" = \"1\",\n\"is_being_synced\" = \"true\"\n)");
    }

    @Test
    void addsAPropertiesBlockWhenThereIsNone() {
        assertThat(rewrite("create table t (k int) distributed by hash(k) buckets 3;", NONE))
                .isEqualTo("create table t (k int) distributed by hash(k) buckets 3\n"
                        + "PROPERTIES (\n\"is_being_synced\" = \"true\"\n);");
        assertThat(rewrite("CREATE TABLE t (k INT) -- trailing comment", NONE))
                .isEqualTo("CREATE TABLE t (k INT)\nPROPERTIES (\n\"is_being_synced\" = \"true\"\n) -- trailing comment");
    }

    @Test
    void fillsAnEmptyPropertiesBlockAndReplacesAFullyErasedOne() {
        assertThat(rewrite("CREATE TABLE t (k INT) PROPERTIES ()", NONE))
                .isEqualTo("CREATE TABLE t (k INT) PROPERTIES (\"is_being_synced\" = \"true\")");
        assertThat(rewrite("CREATE TABLE t (k INT) PROPERTIES (\"storage_policy\" = \"x\",\n\"colocate_with\" = \"y\")", NONE))
                .isEqualTo("CREATE TABLE t (k INT) PROPERTIES (\"is_being_synced\" = \"true\")");
    }

    @Test
    void erasesFromFirstMiddleAndLastPositions() {
        String sql = "CREATE TABLE t (k INT) PROPERTIES (\"colocate_with\" = \"g\", \"a\" = \"1\", "
                + "\"STORAGE_POLICY\" = \"p\", \"b\" = \"2\", \"storage_policy\" = \"q\")";
        assertThat(rewrite(sql, NONE)).isEqualTo(
                "CREATE TABLE t (k INT) PROPERTIES (\"a\" = \"1\", \"b\" = \"2\", \"is_being_synced\" = \"true\")");
    }

    @Test
    void erasesFromPartitionPropertyListsAndDropsEmptiedOnes() {
        String sql = "CREATE TABLE t (k INT) PARTITION BY RANGE(k) ("
                + "PARTITION p1 VALUES LESS THAN (\"10\") (\"storage_policy\" = \"cold\"), "
                + "PARTITION p2 VALUES LESS THAN (\"20\") (\"storage_medium\" = \"SSD\", \"storage_policy\" = \"c\")) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (\"is_being_synced\" = \"true\")";
        assertThat(rewrite(sql, NONE)).isEqualTo("CREATE TABLE t (k INT) PARTITION BY RANGE(k) ("
                + "PARTITION p1 VALUES LESS THAN (\"10\"), "
                + "PARTITION p2 VALUES LESS THAN (\"20\") (\"storage_medium\" = \"SSD\")) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (\"is_being_synced\" = \"true\")");
    }

    @Test
    void isBeingSyncedAlreadyTrueIsLeftAlone() {
        String sql = "CREATE TABLE t (k INT) PROPERTIES ('is_being_synced' = 'true')";
        RewriteResult r = CreateTableRewriter.rewriteWithNotes(sql, NONE);
        assertThat(r.sql().text()).isEqualTo(sql);
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void listPartitionsRandomDistributionAndRollupsSurvive() {
        String sql = "CREATE TABLE IF NOT EXISTS `db`.`select` (\n  `partition` varchar(10), `值` int\n)"
                + " UNIQUE KEY(`partition`)\nPARTITION BY LIST(`partition`)\n"
                + "(PARTITION p_cn VALUES IN (\"cn\", \"hk\"), PARTITION p_us VALUES IN ((\"us\")))\n"
                + "DISTRIBUTED BY RANDOM BUCKETS AUTO\nROLLUP (r1 (`值`, `partition`))\nPROPERTIES (\n\"a\" = \"b\"\n)";
        String out = rewrite(sql, NONE.withTargetTable(Identifier.of("sel`ect")).withSourceBuckets(4));
        assertThat(out).isEqualTo(sql
                .replace("`db`.`select`", "`db`.`sel``ect`")
                .replace("RANDOM BUCKETS AUTO", "RANDOM BUCKETS 4")
                .replace("\"a\" = \"b\"\n", "\"a\" = \"b\",\n\"is_being_synced\" = \"true\"\n"));
    }

    @Test
    void addsTheSourceBucketCountWhenTheDistributionHasNone() {
        assertThat(rewrite("CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k) PROPERTIES (\"a\" = \"1\")",
                        NONE.withSourceBuckets(7)))
                .isEqualTo("CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k) BUCKETS 7 "
                        + "PROPERTIES (\"a\" = \"1\", \"is_being_synced\" = \"true\")");
        assertThat(rewrite("CREATE TABLE t (k INT) DISTRIBUTED BY RANDOM", NONE.withSourceBuckets(2)))
                .startsWith("CREATE TABLE t (k INT) DISTRIBUTED BY RANDOM BUCKETS 2\nPROPERTIES");
    }

    @Test
    void renamesKeepTheSourceDatabaseUnlessATargetIsGiven() {
        assertThat(rewrite("CREATE TABLE src.t (k INT) PROPERTIES (\"a\"=\"1\")", NONE.withTargetTable(Identifier.of("u"))))
                .startsWith("CREATE TABLE `src`.`u` (k INT)");
        assertThat(rewrite("CREATE TABLE t (k INT)", NONE.withTargetDatabase(Identifier.of("数据库"))))
                .startsWith("CREATE TABLE `数据库`.`t` (k INT)");
        assertThat(rewrite("CREATE TABLE `a``b` (k INT)", NONE.withTargetDatabase(Identifier.of("d"))))
                .startsWith("CREATE TABLE `d`.`a``b` (k INT)");
    }

    @Test
    void ctasGetsPropertiesBeforeAs() {
        assertThat(rewrite("CREATE TABLE t AS SELECT 1", NONE))
                .isEqualTo("CREATE TABLE t PROPERTIES (\n\"is_being_synced\" = \"true\"\n)\nAS SELECT 1");
    }

    @Test
    void keywordsAsNamesAndCommentsInsideTheBlock() {
        String sql = "CREATE TABLE properties (`properties` INT COMMENT 'PROPERTIES') properties /* c */ (\n"
                + "\"a\" = \"1\", -- keep me\n\"colocate_with\" = \"g\"\n)";
        assertThat(rewrite(sql, NONE.withTargetTable(Identifier.of("buckets")))).isEqualTo(
                "CREATE TABLE `buckets` (`properties` INT COMMENT 'PROPERTIES') properties /* c */ (\n"
                        + "\"a\" = \"1\",\n\"is_being_synced\" = \"true\"\n)");
    }

    @Test
    void unicodeNamesAndValuesSurvive() {
        String sql = "CREATE TABLE `订单` (`金额` DECIMAL(10, 2) COMMENT '💰') PROPERTIES (\"注释\" = \"值 ✓\")";
        assertThat(rewrite(sql, NONE.withTargetDatabase(Identifier.of("目标库")))).isEqualTo(
                "CREATE TABLE `目标库`.`订单` (`金额` DECIMAL(10, 2) COMMENT '💰') "
                        + "PROPERTIES (\"注释\" = \"值 ✓\", \"is_being_synced\" = \"true\")");
    }

    @Test
    void onlyTheTablePropertiesGetIsBeingSynced() {
        String sql = "CREATE TABLE t (k INT, INDEX idx (k) USING INVERTED PROPERTIES(\"parser\" = \"english\"))"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1";
        String out = rewrite(sql, NONE);
        assertThat(out).startsWith(sql).endsWith("BUCKETS 1\nPROPERTIES (\n\"is_being_synced\" = \"true\"\n)");
        assertThat(out.split("is_being_synced", -1)).hasSize(2);
    }

    @Test
    void badInputFailsWithMalformedDdlAndPosition() {
        assertMalformed("", "empty statement");
        assertMalformed("  -- only a comment", "empty statement");
        assertMalformed("DROP TABLE t", "expected CREATE but found 'DROP' at line 1, column 1");
        assertMalformed("CREATE INDEX i ON t (k)", "expected TABLE or VIEW but found 'INDEX'");
        assertMalformed("CREATE TABLE (k INT)", "expected a table or view name but found '('");
        assertMalformed("CREATE TABLE t (k INT", "unbalanced '('");
        assertMalformed("CREATE TABLE t (k INT))", "unbalanced ')'");
        assertMalformed("CREATE TABLE t (k INT); DROP TABLE t", "only one statement is allowed");
        assertMalformed("CREATE TABLE t LIKE s", "CREATE TABLE ... LIKE is not supported");
        assertMalformed("CREATE TABLE t (k INT) PROPERTIES (\"a\" = 1)", "PROPERTIES must be a list");
        assertMalformed("CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k) BUCKETS x", "expected a bucket count or AUTO");
        assertMalformed("CREATE TABLE t (k INT) COMMENT 'x", "unterminated string literal");
        assertThatThrownBy(() -> CreateTableRewriter.rewrite(null, NONE)).isInstanceOf(NullPointerException.class);
    }

    private static void assertMalformed(String sql, String message) {
        assertThatThrownBy(() -> CreateTableRewriter.rewrite(sql, NONE))
                .isInstanceOfSatisfying(CcrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DDL);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
