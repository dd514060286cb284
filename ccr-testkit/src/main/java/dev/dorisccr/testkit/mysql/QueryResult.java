package dev.dorisccr.testkit.mysql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a {@link QueryHandler} answers: a text result set, an OK (update count), an ERR, or a
 * request to drop the connection without an answer (to simulate a crashed FE).
 */
public sealed interface QueryResult
        permits QueryResult.ResultSet, QueryResult.Ok, QueryResult.Error, QueryResult.Disconnect {

    static Ok ok() {
        return new Ok(0, 0, "");
    }

    static Ok updated(long affectedRows) {
        return new Ok(affectedRows, 0, "");
    }

    static Error error(int code, String sqlState, String message) {
        return new Error(code, sqlState, message);
    }

    /** ER_PARSE_ERROR (1064, SQLSTATE 42000) for statements nobody handles. */
    static Error unknownStatement(String sql) {
        return new Error(Error.ER_PARSE_ERROR, "42000",
                "You have an error in your SQL syntax; statement not understood: " + sql);
    }

    static Disconnect disconnect() {
        return Disconnect.INSTANCE;
    }

    static ResultSetBuilder resultSet(Column... columns) {
        return new ResultSetBuilder(List.of(columns));
    }

    static ResultSetBuilder resultSet(List<Column> columns) {
        return new ResultSetBuilder(columns);
    }

    /**
     * A result set in text form. Cells are already rendered ({@code null} = SQL NULL); build it
     * with {@link #resultSet(Column...)} to render typed values.
     */
    record ResultSet(List<Column> columns, List<List<String>> rows) implements QueryResult {
        public ResultSet {
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
            requireNonNull(rows, "rows is null");
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a result set needs at least one column");
            }
            List<List<String>> copy = new ArrayList<>(rows.size());
            for (List<String> row : rows) {
                requireNonNull(row, "row is null");
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("row " + copy.size() + " has " + row.size()
                            + " cells, expected " + columns.size());
                }
                // Cells may be null (SQL NULL), so List.copyOf cannot be used here.
                copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
            }
            rows = Collections.unmodifiableList(copy);
        }
    }

    /** An OK packet: affected rows, last insert id and an optional info message. */
    record Ok(long affectedRows, long lastInsertId, String info) implements QueryResult {
        public Ok {
            requireNonNull(info, "info is null");
            if (affectedRows < 0 || lastInsertId < 0) {
                throw new IllegalArgumentException("affectedRows and lastInsertId must be >= 0");
            }
        }

        public Ok withLastInsertId(long id) {
            return new Ok(affectedRows, id, info);
        }
    }

    /** An ERR packet: vendor code (1..65535), five-character SQLSTATE and message. */
    record Error(int code, String sqlState, String message) implements QueryResult {
        public static final int ER_ACCESS_DENIED = 1045;
        public static final int ER_BAD_DB = 1049;
        public static final int ER_PARSE_ERROR = 1064;
        public static final int ER_UNKNOWN_COM = 1047;
        public static final int ER_UNKNOWN_ERROR = 1105;
        public static final int ER_UNKNOWN_SYSTEM_VARIABLE = 1193;
        public static final int ER_CON_COUNT = 1040;

        public Error {
            requireNonNull(sqlState, "sqlState is null");
            requireNonNull(message, "message is null");
            if (code < 1 || code > 0xFFFF) {
                throw new IllegalArgumentException("error code out of range 1..65535: " + code);
            }
            if (sqlState.length() != 5) {
                throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + sqlState);
            }
        }
    }

    /** Close the connection without answering. */
    final class Disconnect implements QueryResult {
        static final Disconnect INSTANCE = new Disconnect();

        private Disconnect() {
        }

        @Override
        public String toString() {
            return "Disconnect";
        }
    }

    /** Renders typed values into a {@link ResultSet}. */
    final class ResultSetBuilder {
        private final List<Column> columns;
        private final List<List<String>> rows = new ArrayList<>();

        private ResultSetBuilder(List<Column> columns) {
            this.columns = List.copyOf(columns);
        }

        /** Adds a row; values are rendered with their column's type ({@code null} = NULL). */
        public ResultSetBuilder row(Object... values) {
            return row(Arrays.asList(values));
        }

        public ResultSetBuilder row(List<?> values) {
            if (values.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + values.size()
                        + " values, expected " + columns.size());
            }
            List<String> cells = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                cells.add(columns.get(i).type().format(values.get(i)));
            }
            rows.add(cells);
            return this;
        }

        public ResultSet build() {
            return new ResultSet(columns, rows);
        }
    }
}
