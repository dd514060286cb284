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

    @Override
    void close();
}
