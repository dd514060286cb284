package dev.dorisccr.core.sync;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.SqlClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether the source writes the binlog a job reads: {@code "binlog.enable" = "true"} in {@code
 * SHOW CREATE DATABASE} (database job) or {@code SHOW CREATE TABLE} (table job), as the Go
 * syncer checks before it creates a job. Without it Doris records nothing, so every change made
 * meanwhile would be missing on the target with no error anywhere.
 */
final class SourceBinlog {
    private static final Pattern ENABLED = Pattern.compile("\"binlog\\.enable\"\\s*=\\s*\"true\"", Pattern.CASE_INSENSITIVE);

    private SourceBinlog() {}

    /**
     * Why the source does not write the job's binlog, with what to run to turn it on; empty when
     * it does.
     *
     * @param table the table of a table job, "" for a database job
     */
    static Optional<String> disabled(SqlClient src, String db, String table) {
        if (table.isEmpty()) {
            String text = createText(src.query(ClusterStatements.showCreateDatabase(Identifier.of(db))), "Create Database");
            if (ENABLED.matcher(text).find()) {
                return Optional.empty();
            }
            return Optional.of("source database " + db + " does not have binlog enabled; enable it on every table, then"
                    + " on the database: ALTER TABLE <table> SET (\"binlog.enable\" = \"true\"); ALTER DATABASE " + db
                    + " SET PROPERTIES (\"binlog.enable\" = \"true\") (enable_db_binlog.sh does both)");
        }
        String text = createText(src.query(ClusterStatements.showCreateTable(QualifiedName.of(db, table))), "Create Table");
        if (ENABLED.matcher(text).find()) {
            return Optional.empty();
        }
        return Optional.of("source table " + db + "." + table + " does not have binlog enabled; enable it with: ALTER TABLE "
                + db + "." + table + " SET (\"binlog.enable\" = \"true\")");
    }

    /** Throws {@code BINLOG_DISABLED} with {@link #disabled}'s reason. */
    static void require(SqlClient src, String db, String table) {
        disabled(src, db, table).ifPresent(reason -> {
            throw new CcrException(ErrorCode.BINLOG_DISABLED, reason);
        });
    }

    private static String createText(List<Map<String, String>> rows, String column) {
        if (rows.isEmpty() || !rows.get(0).containsKey(column)) {
            throw new CcrException(ErrorCode.DORIS_SQL_FAILED, "SHOW CREATE answered no " + column + " column");
        }
        return rows.get(0).get(column);
    }
}
