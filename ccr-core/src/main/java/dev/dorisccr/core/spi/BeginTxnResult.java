package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

/** What beginTxn answered. */
public sealed interface BeginTxnResult {
    /** A new txn, {@code txnId}, is open under the label. */
    record Begun(long txnId) implements BeginTxnResult {}

    /**
     * The label is taken (LABEL_ALREADY_EXISTS).
     *
     * @param jobStatus Doris's word for the existing txn: RUNNING, PRECOMMITTED or FINISHED
     * @param txnId the existing txn's id when the FE's message names it, else -1
     */
    record LabelExists(String jobStatus, long txnId) implements BeginTxnResult {
        public LabelExists {
            requireNonNull(jobStatus, "jobStatus is null");
        }

        /** The earlier txn committed: its data is in (or will be visible shortly). */
        public boolean finished() {
            return "FINISHED".equalsIgnoreCase(jobStatus) || "VISIBLE".equalsIgnoreCase(jobStatus)
                    || "COMMITTED".equalsIgnoreCase(jobStatus);
        }
    }
}
