package dev.dorisccr.core.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One payload per type, written from the protocol facts doc (section 6), in both key styles. */
class BinlogDecoderPayloadTest {
    private final BinlogDecoder decoder = new BinlogDecoder();

    private <T extends BinlogRecord> T decode(BinlogType type, String json, Class<T> expected) {
        DecodeResult result = decoder.decode(type, json);
        assertThat(result).as("%s", result).isInstanceOf(DecodeResult.Decoded.class);
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
        assertThat(decoded.rawJson()).isEqualTo(json);
        assertThat(decoded.wasWrapped()).isFalse();
        assertThat(decoded.record().type()).isEqualTo(type);
        return expected.cast(decoded.record());
    }

    @Test
    void upsert() {
        String json = """
                {"commitSeq":5012,"txnId":3021,"timeStamp":1718000000123,"label":"insert_8f2c","dbId":10116,
                 "tableRecords":{"10118":{"partitionRecords":[{"partitionId":10117,"range":"[types: [DATEV2]; keys: [2024-06-01]; ..types: [DATEV2]; keys: [2024-06-02]; )","version":7,"isTempPartition":false,"stid":-1}],"indexIds":[10119]}},
                 "stids":[1,2],"someFutureKey":{"x":[1]}}""";
        UpsertRecord r = decode(BinlogType.UPSERT, json, UpsertRecord.class);
        assertThat(r).isEqualTo(new UpsertRecord(5012, 3021, 1718000000123L, "insert_8f2c", 10116,
                Map.of(10118L, new UpsertRecord.TableRecord(
                        List.of(new UpsertRecord.PartitionRecord(10117,
                                "[types: [DATEV2]; keys: [2024-06-01]; ..types: [DATEV2]; keys: [2024-06-02]; )",
                                7, false, -1)),
                        List.of(10119L))),
                List.of(1L, 2L)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"di", "distributionInfo"})
    void addPartitionReadsBothDistributionKeys(String key) {
        String json = """
                {"commitSeq":5020,"dbId":10116,"tableId":10118,"isTempPartition":false,"isInMemory":false,"isMutable":true,
                 "partition":{"id":20001,"name":"p20240603","visibleVersion":1,"KEY":{"clazz":"HashDistributionInfo","type":"HASH","bucketNum":3,"autoBucket":false,"distributionColumns":[{"name":"user_id"}]}},
                 "sql":"ADD PARTITION `p20240603` VALUES [(\\"2024-06-03\\"), (\\"2024-06-04\\")) (\\"version_info\\" = \\"1\\");"}"""
                .replace("KEY", key);
        AddPartitionRecord r = decode(BinlogType.ADD_PARTITION, json, AddPartitionRecord.class);
        assertThat(r.partition()).isEqualTo(new AddPartitionRecord.Partition(20001, "p20240603", 1,
                Optional.of(new DistributionInfo("HASH", 3, false, List.of("user_id"), ""))));
        assertThat(r.sql()).isEqualTo(
                "ADD PARTITION `p20240603` VALUES [(\"2024-06-03\"), (\"2024-06-04\")) (\"version_info\" = \"1\");");
        assertThat(r.mutable()).isTrue();
        assertThat(r.tempPartition()).isFalse();
    }

    @Test
    void addPartitionRandomDistributionKindComesFromClazzWhenTypeIsAbsent() {
        String json = """
                {"commitSeq":1,"dbId":2,"tableId":3,"partition":{"id":4,"name":"p","di":{"clazz":"RandomDistributionInfo","bucketNum":8,"autoBucket":true}}}""";
        AddPartitionRecord r = decode(BinlogType.ADD_PARTITION, json, AddPartitionRecord.class);
        assertThat(r.partition().distributionInfo()).contains(new DistributionInfo("RANDOM", 8, true, List.of(), ""));
        assertThat(r.mutable()).isTrue();
        assertThat(r.sql()).isEmpty();
    }

    @Test
    void createTable() {
        String json = """
                {"commitSeq":5030,"dbId":10116,"dbName":"ccr","tableId":20010,"tableName":"t2","tableType":"OLAP",
                 "sql":"CREATE TABLE `t2` (...) ENGINE=OLAP DUPLICATE KEY(`k`) DISTRIBUTED BY HASH(`k`) BUCKETS 3 PROPERTIES (...)"}""";
        assertThat(decode(BinlogType.CREATE_TABLE, json, CreateTableRecord.class)).isEqualTo(new CreateTableRecord(
                5030, 10116, "ccr", 20010, "t2", "OLAP",
                "CREATE TABLE `t2` (...) ENGINE=OLAP DUPLICATE KEY(`k`) DISTRIBUTED BY HASH(`k`) BUCKETS 3 PROPERTIES (...)"));
    }

    @Test
    void dropPartitionWithAndWithoutPid() {
        String json = """
                {"dbId":10116,"tableId":10118,"pid":20001,"partitionName":"p20240603","isTempPartition":false,"forceDrop":false,"recycleTime":0,"sql":"DROP PARTITION `p20240603`","version":0,"versionTime":0}""";
        assertThat(decode(BinlogType.DROP_PARTITION, json, DropPartitionRecord.class)).isEqualTo(
                new DropPartitionRecord(10116, 10118, 20001, "p20240603", false, false, 0, "DROP PARTITION `p20240603`", 0, 0));
        String old = """
                {"dbId":10116,"tableId":10118,"partitionName":"p1","isTempPartition":true,"forceDrop":true}""";
        DropPartitionRecord r = decode(BinlogType.DROP_PARTITION, old, DropPartitionRecord.class);
        assertThat(r.partitionId()).isEqualTo(-1);
        assertThat(r.tempPartition()).isTrue();
        assertThat(r.forceDrop()).isTrue();
    }

    @Test
    void dropTable() {
        String json = """
                {"commitSeq":5040,"dbId":10116,"tableId":20010,"tableName":"t2","rawSql":"DROP TABLE IF EXISTS `t2`"}""";
        assertThat(decode(BinlogType.DROP_TABLE, json, DropTableRecord.class))
                .isEqualTo(new DropTableRecord(5040, 10116, 20010, "t2", "DROP TABLE IF EXISTS `t2`"));
    }

    @Test
    void alterJobSchemaChangeAndRollup() {
        String json = """
                {"type":"SCHEMA_CHANGE","dbId":10116,"tableId":10118,"tableName":"t1","jobId":30001,"jobState":"FINISHED",
                 "rawSql":"ALTER TABLE `ccr`.`t1` MODIFY COLUMN `v` BIGINT","iim":{"30002":10119}}""";
        assertThat(decode(BinlogType.ALTER_JOB, json, AlterJobRecord.class)).isEqualTo(new AlterJobRecord(
                "SCHEMA_CHANGE", 10116, 10118, "t1", 30001, "FINISHED", "ALTER TABLE `ccr`.`t1` MODIFY COLUMN `v` BIGINT",
                Map.of(30002L, 10119L), -1, "", -1, ""));
        String rollup = """
                {"type":"ROLLUP","dbId":1,"tableId":2,"jobId":3,"jobState":"RUNNING","rollupIndexId":40,"rollUpIndexName":"r1","baseIndexId":41,"baseIndexName":"t1"}""";
        AlterJobRecord r = decode(BinlogType.ALTER_JOB, rollup, AlterJobRecord.class);
        assertThat(r.rollupIndexId()).isEqualTo(40);
        assertThat(r.rollupIndexName()).isEqualTo("r1");
        assertThat(r.baseIndexId()).isEqualTo(41);
        assertThat(r.baseIndexName()).isEqualTo("t1");
        assertThat(r.shadowToOriginIndexIds()).isEmpty();
    }

    private static final String INDEX_OLD = """
            {"indexId":7,"indexName":"idx_v","columns":["v"],"indexType":"INVERTED","properties":{"parser":"english"},"comment":"c","columnUniqueIds":[2]}""";
    private static final String INDEX_NEW = """
            {"i":7,"in":"idx_v","c":["v"],"it":"INVERTED","pt":{"parser":"english"},"ct":"c","cui":[2]}""";
    private static final IndexDef INDEX =
            new IndexDef(7, "idx_v", List.of("v"), "INVERTED", Map.of("parser", "english"), "c", List.of(2L));

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void modifyColumnsWithIndexesInBothKeyStyles(boolean newKeys) {
        String json = """
                {"dbId":10116,"tableId":10118,"jobId":30010,"indexSchemaMap":{"10119":[{"name":"k"},{"name":"nid1"}]},"indexes":[IDX],
                 "rawSql":"ALTER TABLE `ccr`.`t1` ADD COLUMN `nid1` int NULL COMMENT \\"\\""}"""
                .replace("IDX", newKeys ? INDEX_NEW : INDEX_OLD);
        assertThat(decode(BinlogType.MODIFY_TABLE_ADD_OR_DROP_COLUMNS, json, ModifyTableAddOrDropColumnsRecord.class))
                .isEqualTo(new ModifyTableAddOrDropColumnsRecord(10116, 10118, 30010,
                        Map.of(10119L, List.of(new Column("k"), new Column("nid1"))), List.of(INDEX),
                        "ALTER TABLE `ccr`.`t1` ADD COLUMN `nid1` int NULL COMMENT \"\""));
    }

    @Test
    void dummyFromRawBinlogTakesBelong() {
        RawBinlog raw = new RawBinlog(77, -1, 7, 10116, List.of(), null, 10118);
        assertThat(decoder.decode(raw)).isEqualTo(new DecodeResult.Decoded(new DummyRecord(10118), ""));
        assertThat(decoder.decode(BinlogType.DUMMY, null)).isEqualTo(new DecodeResult.Decoded(new DummyRecord(-1), ""));
    }

    @Test
    void alterDatabaseProperty() {
        String json = """
                {"dbId":10116,"dbName":"ccr","properties":{"binlog.enable":"true","binlog.ttl_seconds":"86400"}}""";
        assertThat(decode(BinlogType.ALTER_DATABASE_PROPERTY, json, AlterDatabasePropertyRecord.class)).isEqualTo(
                new AlterDatabasePropertyRecord(10116, "ccr",
                        Map.of("binlog.enable", "true", "binlog.ttl_seconds", "86400")));
    }

    @Test
    void modifyTableProperty() {
        String json = """
                {"dbId":10116,"tableId":10118,"tableName":"t1","properties":{"binlog.ttl_seconds":"3600"},"sql":"SET (binlog.ttl_seconds=3600)"}""";
        assertThat(decode(BinlogType.MODIFY_TABLE_PROPERTY, json, ModifyTablePropertyRecord.class)).isEqualTo(
                new ModifyTablePropertyRecord(10116, 10118, "", "", "t1", Map.of("binlog.ttl_seconds", "3600"),
                        "SET (binlog.ttl_seconds=3600)"));
    }

    @Test
    void bareBarrierStaysABarrier() {
        String json = """
                {"dbId":10116,"dbName":"ccr","tableId":10118,"tableName":"t1"}""";
        BarrierRecord r = decode(BinlogType.BARRIER, json, BarrierRecord.class);
        assertThat(r).isEqualTo(new BarrierRecord(10116, "ccr", 10118, "t1", -1, ""));
        assertThat(r.wraps()).isFalse();
    }

    @Test
    void modifyPartitions() {
        String json = """
                {"infos":[{"dbId":10116,"tableId":10118,"partitionId":10117,"dataProperty":{"storageMedium":"SSD","cooldownTimeMs":253402271999000,"storagePolicy":"","isMutable":true},
                  "isInMemory":false,"replicaAlloc":{"allocMap":{"{\\"location\\" : \\"default\\"}":3}},"storagePolicy":"","tableProperties":{},"partitionName":"p1","isTempPartition":false}]}""";
        ModifyPartitionsRecord r = decode(BinlogType.MODIFY_PARTITIONS, json, ModifyPartitionsRecord.class);
        assertThat(r.infos()).containsExactly(new ModifyPartitionsRecord.PartitionChange(10116, 10118, 10117, "p1", false,
                false, Optional.of(new ModifyPartitionsRecord.DataProperty("SSD", 253402271999000L, "", true)), "",
                Map.of()));
    }

    @Test
    void replacePartitions() {
        String json = """
                {"dbId":10116,"dbName":"ccr","tblId":10118,"tblName":"t1","partitions":["p1"],"tempPartitions":["tp1"],"strictRange":true,"useTempPartitionName":false,"version":9,"versionTime":1718000000000,"force":false}""";
        assertThat(decode(BinlogType.REPLACE_PARTITIONS, json, ReplacePartitionsRecord.class)).isEqualTo(
                new ReplacePartitionsRecord(10116, "ccr", 10118, "t1", List.of("p1"), List.of("tp1"), true, false, 9,
                        1718000000000L, false));
    }

    @Test
    void truncateTable() {
        String json = """
                {"dbId":10116,"db":"ccr","tblId":10118,"table":"t1","isEntireTable":false,"rawSql":"PARTITIONS (p1, p2)"}""";
        assertThat(decode(BinlogType.TRUNCATE_TABLE, json, TruncateTableRecord.class))
                .isEqualTo(new TruncateTableRecord(10116, "ccr", 10118, "t1", false, "PARTITIONS (p1, p2)"));
    }

    private static final String TABLE_INFO = """
            {"db":10116,"tb":10118,"ind":IND,"p":P,"nT":"NT","oT":"OT","nR":"NR","oR":"OR","nP":"NP","oP":"OP"}""";

    private static String tableInfo(long ind, long p, String nt, String ot, String nr, String or, String np, String op) {
        return TABLE_INFO.replace("IND", Long.toString(ind)).replace("\"P\"", "\"p\"").replace(":P,", ":" + p + ",")
                .replace("NT", nt).replace("OT", ot).replace("NR", nr).replace("OR", or).replace("NP", np)
                .replace("OP", op);
    }

    @Test
    void tableInfoFamily() {
        assertThat(decode(BinlogType.RENAME_TABLE, tableInfo(-1, -1, "t1_new", "t1", "", "", "", ""),
                RenameTableRecord.class)).isEqualTo(new RenameTableRecord(10116, 10118, -1, -1, "t1_new", "t1", "", "", "", ""));
        assertThat(decode(BinlogType.RENAME_ROLLUP, tableInfo(30, -1, "", "", "r_new", "r_old", "", ""),
                RenameRollupRecord.class)).isEqualTo(new RenameRollupRecord(10116, 10118, 30, "r_new", "r_old"));
        assertThat(decode(BinlogType.RENAME_PARTITION, tableInfo(-1, 40, "", "", "", "", "p_new", "p_old"),
                RenamePartitionRecord.class)).isEqualTo(new RenamePartitionRecord(10116, 10118, 40, "p_new", "p_old"));
        assertThat(decode(BinlogType.MODIFY_DISTRIBUTION_TYPE, "{\"db\":10116,\"tb\":10118}",
                ModifyDistributionTypeRecord.class)).isEqualTo(new ModifyDistributionTypeRecord(10116, 10118));
    }

    @Test
    void renameTableTypeCanCarryARollupRenameFromOlderDoris() {
        RenameTableRecord r = decode(BinlogType.RENAME_TABLE, tableInfo(30, -1, "", "", "r_new", "r_old", "", ""),
                RenameTableRecord.class);
        assertThat(r).isEqualTo(new RenameTableRecord(10116, 10118, 30, -1, "", "", "r_new", "r_old", "", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rollUpIndexName", "rollupIndexName"})
    void alterJobRollupNameInEitherSpelling(String key) {
        String json = "{\"dbId\":1,\"tableId\":2,\"jobId\":3,\"KEY\":\"r1\"}".replace("KEY", key);
        assertThat(decode(BinlogType.ALTER_JOB, json, AlterJobRecord.class).rollupIndexName()).isEqualTo("r1");
    }

    @Test
    void renameColumn() {
        String json = """
                {"dbId":10116,"tableId":10118,"colName":"v","newColName":"v2","indexIdToSchemaVersion":{"10119":3}}""";
        assertThat(decode(BinlogType.RENAME_COLUMN, json, RenameColumnRecord.class))
                .isEqualTo(new RenameColumnRecord(10116, 10118, "v", "v2", Map.of(10119L, 3L)));
    }

    @Test
    void modifyComment() {
        String json = """
                {"type":"COLUMN","dbId":10116,"tblId":10118,"colToComment":{"v":"the value"},"tblComment":""}""";
        assertThat(decode(BinlogType.MODIFY_COMMENT, json, ModifyCommentRecord.class))
                .isEqualTo(new ModifyCommentRecord("COLUMN", 10116, 10118, Map.of("v", "the value"), ""));
    }

    @Test
    void modifyViewDef() {
        String json = """
                {"dbId":10116,"tableId":20030,"inlineViewDef":"SELECT `k` FROM `ccr`.`t1`","sqlMode":0,"newFullSchema":[{"name":"k","type":"INT"}]}""";
        assertThat(decode(BinlogType.MODIFY_VIEW_DEF, json, ModifyViewDefRecord.class)).isEqualTo(
                new ModifyViewDefRecord(10116, 20030, "SELECT `k` FROM `ccr`.`t1`", 0, List.of(new Column("k"))));
    }

    @Test
    void replaceTableNewTblNameIsAnId() {
        String json = """
                {"dbId":10116,"origTblId":10118,"origTblName":"t1","newTblName":20020,"actualNewTblName":"t1_tmp","swapTable":false,"isForce":true}""";
        assertThat(decode(BinlogType.REPLACE_TABLE, json, ReplaceTableRecord.class))
                .isEqualTo(new ReplaceTableRecord(10116, 10118, "t1", 20020, "t1_tmp", false, true));
        String old = """
                {"dbId":1,"origTblId":2,"origTblName":"a","newTblName":3,"actualNewTblName":"b","swapTable":true}""";
        assertThat(decode(BinlogType.REPLACE_TABLE, old, ReplaceTableRecord.class).force()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void invertedIndicesInBothKeyStyles(boolean newKeys) {
        String index = newKeys ? INDEX_NEW : INDEX_OLD;
        String json = """
                {"dbId":10116,"tableId":10118,"isDropInvertedIndex":false,"rawSql":"ALTER TABLE `t1` ADD INDEX idx_v (`v`) USING INVERTED",
                 "indexes":[IDX],"alterInvertedIndexes":[IDX]}""".replace("IDX", index);
        assertThat(decode(BinlogType.MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES, json,
                ModifyTableAddOrDropInvertedIndicesRecord.class)).isEqualTo(
                new ModifyTableAddOrDropInvertedIndicesRecord(10116, 10118, false,
                        "ALTER TABLE `t1` ADD INDEX idx_v (`v`) USING INVERTED", List.of(INDEX), List.of(INDEX)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void indexChangeJobInBothKeyStyles(boolean newKeys) {
        String json = """
                {"dbId":10116,"tableId":10118,"tableName":"t1","partitionId":10117,"partitionName":"p1","jobState":"WATING_TXN",
                 "errMsg":"","createTimeMs":1718000000000,"finishedTimeMs":-1,"isDropOp":false,"originIndexId":10119,"timeoutMs":86400000,
                 "alterInvertedIndexes":[IDX]}""".replace("IDX", newKeys ? INDEX_NEW : INDEX_OLD);
        assertThat(decode(BinlogType.INDEX_CHANGE_JOB, json, IndexChangeJobRecord.class)).isEqualTo(
                new IndexChangeJobRecord(10116, 10118, "t1", 10117, "p1", "WATING_TXN", "", 1718000000000L, -1, false,
                        10119, 86400000, List.of(INDEX)));
    }

    @Test
    void dropRollup() {
        String json = """
                {"dbId":10116,"tableId":10118,"tableName":"t1","indexId":30,"indexName":"r1","forceDrop":false}""";
        assertThat(decode(BinlogType.DROP_ROLLUP, json, DropRollupRecord.class))
                .isEqualTo(new DropRollupRecord(10116, 10118, "t1", 30, "r1", false));
    }

    @Test
    void recoverInfoTableAndPartition() {
        String table = """
                {"dbId":10116,"newDbName":"","tableId":10118,"tableName":"t1","newTableName":"t1_back","partitionId":-1,"partitionName":"","newPartitionName":""}""";
        RecoverInfoRecord r = decode(BinlogType.RECOVER_INFO, table, RecoverInfoRecord.class);
        assertThat(r).isEqualTo(new RecoverInfoRecord(10116, "", 10118, "t1", "t1_back", -1, "", ""));
        assertThat(r.recoversTable()).isTrue();
        String partition = """
                {"dbId":10116,"tableId":10118,"tableName":"t1","partitionId":10117,"partitionName":"p1","newPartitionName":"p1b"}""";
        assertThat(decode(BinlogType.RECOVER_INFO, partition, RecoverInfoRecord.class).recoversTable()).isFalse();
    }

    @Test
    void modifyDistributionBucketNumOldAndNew() {
        String json = """
                {"dbId":10116,"tableId":10118,"Type":"HASH","autoBucket":false,"bucketNum":16,"columnsName":"`k`"}""";
        assertThat(decode(BinlogType.MODIFY_DISTRIBUTION_BUCKET_NUM, json, ModifyDistributionBucketNumRecord.class))
                .isEqualTo(new ModifyDistributionBucketNumRecord(10116, 10118, 16, "HASH", false, "`k`"));
        String old = "{\"dbId\":10116,\"tableId\":10118,\"bucketNum\":4}";
        assertThat(decode(BinlogType.MODIFY_DISTRIBUTION_BUCKET_NUM, old, ModifyDistributionBucketNumRecord.class))
                .isEqualTo(new ModifyDistributionBucketNumRecord(10116, 10118, 4, "", false, ""));
    }

    @Test
    void rawBinlogDecodesByTypeCode() {
        RawBinlog raw = new RawBinlog(5040, 1718000000000L, 4, 10116, List.of(20010L),
                "{\"commitSeq\":5040,\"dbId\":10116,\"tableId\":20010,\"tableName\":\"t2\"}", -1);
        assertThat(decoder.decode(raw)).isEqualTo(new DecodeResult.Decoded(
                new DropTableRecord(5040, 10116, 20010, "t2", ""), raw.data()));
    }

    @Test
    void unicodeAndBacktickNamesSurviveUnchanged() {
        String json = """
                {"db":1,"tb":2,"nT":"新表`x``y`\\u00e9\\ud83d\\ude00","oT":"a\\"b\\\\c"}""";
        RenameTableRecord r = decode(BinlogType.RENAME_TABLE, json, RenameTableRecord.class);
        assertThat(r.newTableName()).isEqualTo("新表`x``y`é\uD83D\uDE00");
        assertThat(r.oldTableName()).isEqualTo("a\"b\\c");
    }
}
