package dev.dorisccr.core.spi;

import dev.dorisccr.core.ddl.render.Sql;
import java.util.List;
import java.util.Map;

/**
 * SQL over the MySQL protocol to one cluster's FE. Rows come back keyed by column name (never by
 * position: Doris versions add columns). Failures are {@code CcrException(DORIS_SQL_FAILED)} with
 * the server's error code and message, or {@code DORIS_CONNECTION_FAILED}.
 */
public interface SqlClient extends AutoCloseable {
    /** Runs a statement that returns no rows (DDL, SET, BACKUP...). */
    void execute(Sql statement);

    /** Runs a query; each row maps column label to value (null for SQL NULL). */
    List<Map<String, String>> query(Sql statement);

    /**
     * Runs a query and keeps only {@code columns}, by label: each row holds their values in that
     * order (null for SQL NULL or a column the answer lacks). For a large answer read often (the
     * shared binlog probe), an adapter can skip the other columns and the map per row.
     */
    default List<String[]> query(Sql statement, List<String> columns) {
        List<Map<String, String>> rows = query(statement);
        List<String[]> out = new java.util.ArrayList<>(rows.size());
        for (Map<String, String> row : rows) {
            String[] r = new String[columns.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = row.get(columns.get(i));
            }
            out.add(r);
        }
        return out;
    }

    @Override
    void close();
}
