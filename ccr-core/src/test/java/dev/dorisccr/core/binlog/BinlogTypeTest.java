package dev.dorisccr.core.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BinlogTypeTest {
    @ParameterizedTest
    @CsvSource({
        "0,UPSERT", "1,ADD_PARTITION", "2,CREATE_TABLE", "3,DROP_PARTITION", "4,DROP_TABLE", "5,ALTER_JOB",
        "6,MODIFY_TABLE_ADD_OR_DROP_COLUMNS", "7,DUMMY", "8,ALTER_DATABASE_PROPERTY", "9,MODIFY_TABLE_PROPERTY",
        "10,BARRIER", "11,MODIFY_PARTITIONS", "12,REPLACE_PARTITIONS", "13,TRUNCATE_TABLE", "14,RENAME_TABLE",
        "15,RENAME_COLUMN", "16,MODIFY_COMMENT", "17,MODIFY_VIEW_DEF", "18,REPLACE_TABLE",
        "19,MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES", "20,INDEX_CHANGE_JOB", "21,RENAME_ROLLUP",
        "22,RENAME_PARTITION", "23,DROP_ROLLUP", "24,RECOVER_INFO", "25,MODIFY_DISTRIBUTION_BUCKET_NUM",
        "26,MODIFY_DISTRIBUTION_TYPE"
    })
    void numbersAndNamesMatchDorisThrift(int code, String name) {
        BinlogType type = BinlogType.fromCode(code);
        assertThat(type.name()).isEqualTo(name);
        assertThat(type.code()).isEqualTo(code);
        assertThat(BinlogType.fromName(name)).isSameAs(type);
        assertThat(BinlogType.fromName(" " + name.toLowerCase() + "\n")).isSameAs(type);
    }

    @Test
    void everyKnownTypeHasADistinctCode() {
        assertThat(Arrays.stream(BinlogType.values()).filter(t -> t != BinlogType.UNKNOWN).map(BinlogType::code))
                .hasSize(27)
                .doesNotHaveDuplicates()
                .allMatch(c -> c >= 0 && c <= 26);
        assertThat(BinlogType.UNKNOWN.code()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -2, 27, 28, 116, 117, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void otherNumbersAreUnknown(int code) {
        assertThat(BinlogType.fromCode(code)).isSameAs(BinlogType.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "UNKNOWN", "unknown", "MIN_UNKNOWN", "UNKNOWN_12", "upsert2", "0"})
    void otherNamesAreUnknown(String name) {
        assertThat(BinlogType.fromName(name)).isSameAs(BinlogType.UNKNOWN);
    }

    @Test
    void nullNameIsAProgrammingError() {
        assertThatThrownBy(() -> BinlogType.fromName(null)).isInstanceOf(NullPointerException.class);
    }
}
