package dev.dorisccr.core.binlog;

import java.util.Locale;

/**
 * Doris {@code TBinlogType}: the numbers 0-26 as in the newest Doris master thrift. {@link
 * #UNKNOWN}
 * stands for every other number (the {@code MIN_UNKNOWN} sentinel, the reserved {@code UNKNOWN_k}
 * slots and anything newer than this syncer); a caller should skip such binlogs visibly rather
 * than fail, as the FE itself does.
 */
public enum BinlogType {
    UPSERT(0),
    ADD_PARTITION(1),
    CREATE_TABLE(2),
    DROP_PARTITION(3),
    DROP_TABLE(4),
    ALTER_JOB(5),
    MODIFY_TABLE_ADD_OR_DROP_COLUMNS(6),
    DUMMY(7),
    ALTER_DATABASE_PROPERTY(8),
    MODIFY_TABLE_PROPERTY(9),
    BARRIER(10),
    MODIFY_PARTITIONS(11),
    REPLACE_PARTITIONS(12),
    TRUNCATE_TABLE(13),
    RENAME_TABLE(14),
    RENAME_COLUMN(15),
    MODIFY_COMMENT(16),
    MODIFY_VIEW_DEF(17),
    REPLACE_TABLE(18),
    MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES(19),
    INDEX_CHANGE_JOB(20),
    RENAME_ROLLUP(21),
    RENAME_PARTITION(22),
    DROP_ROLLUP(23),
    RECOVER_INFO(24),
    MODIFY_DISTRIBUTION_BUCKET_NUM(25),
    MODIFY_DISTRIBUTION_TYPE(26),
    /** Any number this syncer does not know; {@link #code()} is -1. */
    UNKNOWN(-1);

    private static final BinlogType[] BY_CODE = byCode();

    private final int code;

    BinlogType(int code) {
        this.code = code;
    }

    /** The Thrift number, or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The type with this Thrift number, or {@link #UNKNOWN} for any number outside 0-26. */
    public static BinlogType fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            return UNKNOWN;
        }
        return BY_CODE[code];
    }

    /**
     * The type with this Doris name (case-insensitive, surrounding blanks ignored), or {@link
     * #UNKNOWN} when no known type has that name. A null name is a programming error.
     */
    public static BinlogType fromName(String name) {
        if (name == null) {
            throw new NullPointerException("name is null");
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        for (BinlogType type : values()) {
            if (type != UNKNOWN && type.name().equals(upper)) {
                return type;
            }
        }
        return UNKNOWN;
    }

    private static BinlogType[] byCode() {
        BinlogType[] known = values();
        BinlogType[] table = new BinlogType[known.length - 1];
        for (BinlogType type : known) {
            if (type != UNKNOWN) {
                table[type.code] = type;
            }
        }
        return table;
    }
}
