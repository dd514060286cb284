package dev.dorisccr.testkit.doris;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One binlog as the FE keeps it (a TBinlog before the wire).
 *
 * @param commitSeq the journal id
 * @param timestamp ms as Doris reports it (-1 for DDL on 2.x)
 * @param type TBinlogType number
 * @param dbId database id
 * @param tableIds involved tables (empty for database-level records)
 * @param data the JSON payload ("" for a dummy)
 * @param belong for a dummy: -1 (database stream) or the table id
 */
public record SimBinlog(long commitSeq, long timestamp, int type, long dbId, List<Long> tableIds, String data,
        long belong) {
    public SimBinlog {
        tableIds = List.copyOf(requireNonNull(tableIds, "tableIds is null"));
        requireNonNull(data, "data is null");
    }

    public static final int UPSERT = 0;
    public static final int ADD_PARTITION = 1;
    public static final int CREATE_TABLE = 2;
    public static final int DROP_PARTITION = 3;
    public static final int DROP_TABLE = 4;
    public static final int ALTER_JOB = 5;
    public static final int MODIFY_TABLE_ADD_OR_DROP_COLUMNS = 6;
    public static final int DUMMY = 7;
    public static final int ALTER_DATABASE_PROPERTY = 8;
    public static final int MODIFY_TABLE_PROPERTY = 9;
    public static final int BARRIER = 10;
    public static final int MODIFY_PARTITIONS = 11;
    public static final int REPLACE_PARTITIONS = 12;
    public static final int TRUNCATE_TABLE = 13;
    public static final int RENAME_TABLE = 14;
    public static final int RENAME_COLUMN = 15;
    public static final int MODIFY_COMMENT = 16;
    public static final int MODIFY_VIEW_DEF = 17;
    public static final int REPLACE_TABLE = 18;
    public static final int MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES = 19;
    public static final int INDEX_CHANGE_JOB = 20;
    public static final int RENAME_ROLLUP = 21;
    public static final int RENAME_PARTITION = 22;
    public static final int DROP_ROLLUP = 23;
    public static final int RECOVER_INFO = 24;
    public static final int MODIFY_DISTRIBUTION_BUCKET_NUM = 25;
    public static final int MODIFY_DISTRIBUTION_TYPE = 26;
}
