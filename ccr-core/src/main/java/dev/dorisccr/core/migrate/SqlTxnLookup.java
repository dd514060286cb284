package dev.dorisccr.core.migrate;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.machine.TxnState;
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.SqlClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Asks a job's target FE about a txn with {@code SHOW TRANSACTION FROM <db> WHERE id = <txn>}
 * (read only). A txn the FE does not know (never begun, or cleaned after {@code
 * label_keep_max_second}) is empty; an unreachable FE is the client's {@code CcrException}.
 */
public final class SqlTxnLookup implements GoProgressImport.TxnLookup {
    private final ClusterConnector connector;
    private final JobSpec spec;

    public SqlTxnLookup(ClusterConnector connector, JobSpec spec) {
        this.connector = requireNonNull(connector, "connector is null");
        this.spec = requireNonNull(spec, "spec is null");
    }

    @Override
    public Optional<TxnState> state(long txnId) {
        List<Map<String, String>> rows;
        try (SqlClient sql = connector.sql(spec.target().cluster())) {
            rows = sql.query(ClusterStatements.showTransaction(Identifier.of(spec.target().database()), txnId));
        } catch (CcrException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (e.code() == ErrorCode.DORIS_SQL_FAILED && (m.contains("does not exist") || m.contains("not found"))) {
                return Optional.empty(); // named condition: Doris answers an unknown txn id with an error
            }
            throw new CcrException(e.code(), "cannot ask the target whether the Go txn " + txnId + " committed: "
                    + e.getMessage(), e).with("txnId", txnId);
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String status = String.valueOf(rows.get(0).get("TransactionStatus")).toUpperCase(Locale.ROOT);
        switch (status) {
            case "PREPARE":
                return Optional.of(TxnState.PREPARE);
            case "COMMITTED":
                return Optional.of(TxnState.COMMITTED);
            case "VISIBLE":
                return Optional.of(TxnState.VISIBLE);
            case "ABORTED":
                return Optional.of(TxnState.ABORTED);
            default:
                return Optional.of(TxnState.UNKNOWN);
        }
    }
}
