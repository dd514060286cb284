package dev.dorisccr.testkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryResultTest {

    @Test
    void builderRendersTypedValuesAsText() {
        QueryResult.ResultSet rs = QueryResult.resultSet(Column.bigint("a"),
                        Column.of("b", ColumnType.BOOLEAN), Column.of("c", ColumnType.DATETIME),
                        Column.of("d", ColumnType.DATE), Column.of("e", ColumnType.DECIMAL),
                        Column.varchar("f"))
                .row(1L, false, LocalDateTime.of(2026, 11, 23, 1, 2, 3), LocalDate.of(2026, 1, 9),
                        new BigDecimal("1E+3"), null)
                .build();
        assertThat(rs.rows()).containsExactly(
                Arrays.asList("1", "0", "2026-11-23 01:02:03", "2026-01-09", "1000", null));
    }

    @Test
    void rowsAreCopiedAndChecked() {
        List<String> row = new ArrayList<>(Arrays.asList("x", null));
        List<List<String>> rows = new ArrayList<>(List.of(row));
        QueryResult.ResultSet rs = new QueryResult.ResultSet(
                List.of(Column.varchar("a"), Column.varchar("b")), rows);
        row.set(0, "changed");
        rows.clear();
        assertThat(rs.rows()).containsExactly(Arrays.asList("x", null));
        assertThatThrownBy(() -> rs.rows().get(0).set(0, "y"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> QueryResult.resultSet(Column.varchar("a")).row("1", "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 1");
        assertThatThrownBy(() -> new QueryResult.ResultSet(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void okAndErrorValidate() {
        assertThat(QueryResult.updated(3).withLastInsertId(9))
                .isEqualTo(new QueryResult.Ok(3, 9, ""));
        assertThatThrownBy(() -> QueryResult.updated(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryResult.error(0, "HY000", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryResult.error(1105, "HY00", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(QueryResult.unknownStatement("FOO").code()).isEqualTo(1064);
        assertThatThrownBy(() -> Column.of("", ColumnType.INT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void columnTypesDescribeThemselvesForConnectors() {
        assertThat(ColumnType.BIGINT.wireType()).isEqualTo(0x08);
        assertThat(ColumnType.BIGINT.charset()).isEqualTo(ColumnType.CHARSET_BINARY);
        assertThat(ColumnType.VARCHAR.charset()).isEqualTo(ColumnType.CHARSET_UTF8MB4);
        assertThat(ColumnType.VARCHAR.wireLength()).isEqualTo(65533L * 4);
        assertThat(ColumnType.BOOLEAN.wireLength()).isEqualTo(1);
        for (ColumnType type : ColumnType.values()) {
            assertThat(type.decimals()).as(type.name()).isBetween(0, 31);
        }
    }
}
