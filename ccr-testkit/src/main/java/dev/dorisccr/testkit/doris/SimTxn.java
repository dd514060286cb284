package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.List;

/** A load transaction on the simulated FE. Guarded by the cluster lock. */
public final class SimTxn {
    /** Doris's transaction states. */
    public enum State { PREPARE, COMMITTED, VISIBLE, ABORTED }

    final long id;
    final long dbId;
    final String label;
    final List<Long> tableIds;
    final boolean fromSyncer;
    State state = State.PREPARE;
    final long prepareMs;
    long finishMs;
    long publishDueMs;
    /** The cluster's journal id of the commit (0 while not committed): commits compare by it. */
    long commitOrder;
    String reason = "";
    final List<long[]> commitInfos = new ArrayList<>();

    SimTxn(long id, long dbId, String label, List<Long> tableIds, boolean fromSyncer, long prepareMs) {
        this.id = id;
        this.dbId = dbId;
        this.label = label;
        this.tableIds = List.copyOf(tableIds);
        this.fromSyncer = fromSyncer;
        this.prepareMs = prepareMs;
    }

    public long id() {
        return id;
    }

    public String label() {
        return label;
    }

    public State state() {
        return state;
    }

    /** When the txn committed or aborted, on the cluster's clock (0 while open). */
    public long finishMs() {
        return finishMs;
    }

    /**
     * Where the commit came among the cluster's journal entries (0 while not committed): of two
     * committed txns, the smaller committed first, whatever the clock said.
     */
    public long commitOrder() {
        return commitOrder;
    }

    /** When the txn began, on the cluster's clock. */
    public long prepareMs() {
        return prepareMs;
    }

    public List<Long> tableIds() {
        return tableIds;
    }

    /** Doris's job_status word for LABEL_ALREADY_EXISTS. */
    String jobStatus() {
        return state == State.PREPARE ? "RUNNING" : "FINISHED";
    }

    @Override
    public String toString() {
        return "txn " + id + " [" + label + "] " + state;
    }
}
