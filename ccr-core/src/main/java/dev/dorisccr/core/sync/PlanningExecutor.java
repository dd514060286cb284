package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.machine.CommandExecutor;
import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.machine.JobEvent;
import dev.dorisccr.core.spi.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The executor of a dry run ({@link dev.dorisccr.core.machine.DryRun}): binlogs are fetched from the
 * source and DDL binlogs are rewritten by the job's real executor, whose target SQL client only
 * records what it is asked to run (its queries still read the target); transactions on the target
 * are answered as begun, ingested and committed without being sent. Nothing is written anywhere.
 */
final class PlanningExecutor implements CommandExecutor, AutoCloseable {
    private final DorisCommandExecutor real;

    PlanningExecutor(DorisCommandExecutor real) {
        this.real = requireNonNull(real, "real is null");
    }

    @Override
    public JobEvent execute(JobCommand c) {
        if (c instanceof JobCommand.FetchBinlogs || c instanceof JobCommand.ApplyBinlog) {
            return real.execute(c);
        }
        if (c instanceof JobCommand.BeginTxn) {
            return new JobEvent.TxnBegun(0);
        }
        if (c instanceof JobCommand.Ingest i) {
            try {
                return real.planIngest(i); // the tablets it would ingest, read from the meta, no BE called
            } catch (CcrException e) {
                // e.g. a partition an earlier planned DDL creates: the target does not have it yet
                return new JobEvent.Ingested(List.of());
            }
        }
        if (c instanceof JobCommand.CommitTxn) {
            return new JobEvent.Committed();
        }
        if (c instanceof JobCommand.RollbackTxn) {
            return new JobEvent.RolledBack();
        }
        return new JobEvent.StepFailed(ErrorCode.INTERNAL_ERROR, "a dry run does not carry out " + c.getClass().getSimpleName());
    }

    @Override
    public void close() {
        real.close();
    }

    /** A target client that records statements instead of running them; queries go through. */
    static final class Recording implements SqlClient {
        private final SqlClient target;
        private final List<String> recorded = new ArrayList<>();

        Recording(SqlClient target) {
            this.target = requireNonNull(target, "target is null");
        }

        @Override
        public void execute(Sql statement) {
            recorded.add(statement.text());
        }

        @Override
        public List<Map<String, String>> query(Sql statement) {
            return target.query(statement);
        }

        /** The statements recorded since the last call. */
        List<String> drain() {
            List<String> out = List.copyOf(recorded);
            recorded.clear();
            return out;
        }

        @Override
        public void close() {
            target.close();
        }
    }
}
