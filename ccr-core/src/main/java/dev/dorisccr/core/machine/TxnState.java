package dev.dorisccr.core.machine;

/** A target transaction's state, as Doris reports it for an existing label. */
public enum TxnState {
    PREPARE,
    COMMITTED,
    VISIBLE,
    ABORTED,
    UNKNOWN;

    /** The data of this txn is (or will become) visible: it must not be written again. */
    public boolean isCommitted() {
        return this == COMMITTED || this == VISIBLE;
    }
}
