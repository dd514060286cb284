package dev.dorisccr.testkit.mysql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Column types a result set can declare, with the wire type code, character set, display length
 * and flags sent in the column definition (so Connector/J reports the matching {@code
 * java.sql.Types}).
 */
public enum ColumnType {
    BOOLEAN(0x01, 1, true),
    TINYINT(0x01, 4, true),
    SMALLINT(0x02, 6, true),
    INT(0x03, 11, true),
    BIGINT(0x08, 20, true),
    FLOAT(0x04, 12, true),
    DOUBLE(0x05, 22, true),
    DECIMAL(0xF6, 27, true),
    DATE(0x0A, 10, false),
    DATETIME(0x0C, 19, false),
    CHAR(0xFE, 255, false),
    VARCHAR(0xFD, 65533, false),
    TEXT(0xFC, 65535, false),
    JSON(0xF5, 65535, false);

    static final int CHARSET_UTF8MB4 = 45;
    static final int CHARSET_BINARY = 63;
    private static final int FLAG_BINARY = 0x80;
    private static final int FLAG_NUM = 0x8000;
    private static final int FLAG_BLOB = 0x10;
    private static final int MAX_BYTES_PER_CHAR = 4;
    private static final DateTimeFormatter DATETIME_TEXT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final int wireType;
    private final int displayLength;
    private final boolean numeric;

    ColumnType(int wireType, int displayLength, boolean numeric) {
        this.wireType = wireType;
        this.displayLength = displayLength;
        this.numeric = numeric;
    }

    int wireType() {
        return wireType;
    }

    int charset() {
        return numeric || this == DATE || this == DATETIME ? CHARSET_BINARY : CHARSET_UTF8MB4;
    }

    /** Column length in bytes as the protocol reports it. */
    long wireLength() {
        return charset() == CHARSET_UTF8MB4 ? (long) displayLength * MAX_BYTES_PER_CHAR
                : displayLength;
    }

    int flags() {
        int flags = numeric || this == DATE || this == DATETIME ? FLAG_BINARY : 0;
        if (numeric) {
            flags |= FLAG_NUM;
        }
        if (this == TEXT || this == JSON) {
            flags |= FLAG_BLOB;
        }
        return flags;
    }

    int decimals() {
        switch (this) {
            case FLOAT:
            case DOUBLE:
                return 31;
            case DECIMAL:
                return 9;
            case BOOLEAN:
            case TINYINT:
            case SMALLINT:
            case INT:
            case BIGINT:
            case DATE:
            case DATETIME:
            case CHAR:
            case VARCHAR:
            case TEXT:
            case JSON:
                return 0;
        }
        throw new AssertionError(this);
    }

    /**
     * Renders a cell in the text protocol: {@code null} stays NULL, booleans become 1/0, {@link
     * LocalDateTime} uses {@code yyyy-MM-dd HH:mm:ss} (fractions are dropped), {@link BigDecimal}
     * its plain form, everything else {@code toString()}.
     */
    String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? "1" : "0";
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof LocalDateTime) {
            return DATETIME_TEXT.format((LocalDateTime) value);
        }
        if (value instanceof LocalDate) {
            return value.toString();
        }
        return value.toString();
    }
}
