package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.machine.JobLoggingContext;
import dev.dorisccr.core.spi.BeginTxnResult;
import dev.dorisccr.core.spi.TabletCommit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The early part of pipelined apply: the begin and the ingest of the upserts the machine will ask
 * for next ({@code BeginTxn.ahead}), started on a thread of the engine's {@link LookaheadPool}
 * while the job's thread commits the current one (their tablet pulls go through the shared ingest
 * pool and the job's per-backend limit). When the pool gives no slot the upsert is simply not
 * begun early: the machine begins and ingests it in its turn. By default never a commit: the
 * machine commits each txn itself, one at a time, in commit seq order, when it gets to it;
 * {@link #take} hands it the txn begun early. Every early txn the machine does not take (a
 * failure, a skip, a DDL, a full sync, the job pausing or stopping) is rolled back by
 * {@link #discard}. A crash leaves early txns open under their labels; the restarted job meets
 * each label again in its begin and rolls the txn back (the usual path for a txn begun before a
 * crash).
 *
 * <p>With the pool's {@link LookaheadPool#parallelTableCommits()} an early upsert whose ingest is
 * done is also committed at once when no earlier upsert of the job that is not committed yet
 * (the machine's own, see {@link #inFlight}, or another early one) shares a table with it; else it
 * waits for the machine as above (it is not committed later on its own). So per table the
 * source's commit order is kept. The machine, reaching an upsert committed early, is answered as
 * for a label a restart finds committed ({@link Outcome#committed()}): counted done, never
 * committed twice. An early commit that fails is left to the machine: it begins the label again
 * and is told what the target made of it.
 *
 * <p>Used by one job's executor from the job's thread; {@link #discard} and {@link #close} may
 * also come from another thread (a stop while a step runs).
 */
final class Lookahead {
    private static final Logger log = LoggerFactory.getLogger(Lookahead.class);

    /**
     * What an early begin + ingest (+ commit) came to. {@code ingestError} is set when the begin
     * worked but the ingest failed; {@code committed} when the txn was committed early;
     * {@code commitError} when an early commit was tried and failed (its outcome on the target is
     * then unknown: the machine asks the target by beginning the label again).
     */
    record Outcome(BeginTxnResult begin, List<TabletCommit> commits, CcrException ingestError, boolean committed,
            CcrException commitError) {
        Outcome(BeginTxnResult begin, List<TabletCommit> commits, CcrException ingestError) {
            this(begin, commits, ingestError, false, null);
        }
    }

    /** The early work of one upsert. */
    interface Work {
        /** Begins the txn with this label (may answer that the label exists). */
        BeginTxnResult begin();

        /** Ingests every tablet of the upsert into the txn. */
        List<TabletCommit> ingest(long txnId);

        /** Commits the txn (parallel table commits only). */
        void commit(long txnId, List<TabletCommit> commits);
    }

    private record Early(String label, DecodedBinlog binlog, Map<Long, String> names,
            CompletableFuture<Outcome> future) {}

    /** An upsert of the job begun (early or by the machine) and not known to be committed: its tables. */
    private record Uncommitted(long commitSeq, Set<Long> tables) {}

    private final Consumer<Long> rollback;
    private final LookaheadPool.Lane lane;
    private final Map<String, Early> running = new LinkedHashMap<>();
    /** Parallel table commits: label -> the upserts that an early commit of a later one on a shared table must wait for. */
    private final Map<String, Uncommitted> uncommitted = new HashMap<>();
    private final boolean commitEarly;
    private boolean closed;
    /** The pool refused a slot since the window last ended: the job counts as waiting for one. */
    private boolean waiting;

    /**
     * @param lane the job's way into the engine's lookahead threads
     * @param rollback aborts a txn the machine did not take (errors are the caller's to handle)
     */
    Lookahead(LookaheadPool.Lane lane, Consumer<Long> rollback) {
        this.lane = requireNonNull(lane, "lane is null");
        this.rollback = requireNonNull(rollback, "rollback is null");
        this.commitEarly = lane.parallelTableCommits();
    }

    /**
     * The machine began the upsert of {@code label} itself (or took it from here): until
     * {@link #committed} says otherwise, no later upsert sharing one of its target tables is
     * committed early.
     */
    synchronized void inFlight(String label, long commitSeq, Set<Long> tables) {
        if (commitEarly) {
            uncommitted.put(label, new Uncommitted(commitSeq, Set.copyOf(tables)));
        }
    }

    /** The upsert of {@code label} is committed on the target (by the machine, or found committed). */
    synchronized void committed(String label) {
        uncommitted.remove(label);
    }

    /** True when no upsert before {@code commitSeq} that is not committed yet shares a table with {@code tables}. */
    private boolean independent(String label, long commitSeq, Set<Long> tables) {
        for (Map.Entry<String, Uncommitted> e : uncommitted.entrySet()) {
            Uncommitted u = e.getValue();
            if (!e.getKey().equals(label) && u.commitSeq() < commitSeq
                    && !Collections.disjoint(u.tables(), tables)) {
                return false;
            }
        }
        return true;
    }

    /** Rolls back every early txn and gives up the job's lane: nothing is begun early any more. */
    void close(String why) {
        synchronized (this) {
            closed = true;
        }
        discard(why);
        lane.close();
    }

    /** True when early work for this label is running or done and not taken. */
    synchronized boolean has(String label) {
        return running.containsKey(label);
    }

    /**
     * Starts the early begin + ingest of an upsert when the pool gives a slot; false when it does
     * not (the pool is full, or this job holds its share), and the machine begins it in its turn.
     */
    synchronized boolean start(String label, DecodedBinlog binlog, Map<Long, String> names, Set<Long> tables,
            Work work) {
        if (running.containsKey(label)) {
            return true;
        }
        if (closed) {
            return false;
        }
        CompletableFuture<Outcome> f = new CompletableFuture<>();
        long seq = binlog.commitSeq();
        Set<Long> own = Set.copyOf(tables);
        Supplier<Outcome> task = JobLoggingContext.propagate(() -> {
            long t0 = System.nanoTime();
            BeginTxnResult r = work.begin();
            long t1 = System.nanoTime();
            if (!(r instanceof BeginTxnResult.Begun b)) {
                lane.ran(t1 - t0, 0);
                if (r instanceof BeginTxnResult.LabelExists x && x.finished()) {
                    committed(label); // committed before (a restart): nothing later waits for it
                }
                return new Outcome(r, List.of(), null);
            }
            List<TabletCommit> commits;
            try {
                commits = work.ingest(b.txnId());
            } catch (CcrException e) {
                return new Outcome(r, List.of(), e);
            } finally {
                lane.ran(t1 - t0, System.nanoTime() - t1);
            }
            if (!mayCommit(label, seq, own, f)) {
                return new Outcome(r, commits, null);
            }
            try {
                work.commit(b.txnId(), commits);
            } catch (CcrException e) {
                log.info("early commit of txn {} ({}) failed, left to the job's turn: {}", b.txnId(), label,
                        e.getMessage());
                return new Outcome(r, commits, null, false, e);
            }
            committed(label);
            log.debug("txn {} ({}) committed early: no earlier upsert in flight shares its tables", b.txnId(), label);
            return new Outcome(r, commits, null, true, null);
        });
        boolean submitted = lane.trySubmit(() -> {
            try {
                f.complete(task.get());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        }, () -> f.completeExceptionally(new CcrException(ErrorCode.INTERNAL_ERROR,
                "early begin not run: the lookahead pool closed")));
        if (!submitted) {
            waiting = true;
            return false;
        }
        running.put(label, new Early(label, binlog, Map.copyOf(names), f));
        if (commitEarly) {
            uncommitted.put(label, new Uncommitted(seq, own));
        }
        return true;
    }

    /**
     * True when the early upsert may commit now: the mode is on, the job is not stopping, the
     * machine has not dropped this early work, and no earlier upsert not committed yet shares a
     * table with it.
     */
    private synchronized boolean mayCommit(String label, long seq, Set<Long> tables, CompletableFuture<Outcome> f) {
        if (!commitEarly || closed) {
            return false;
        }
        Early e = running.get(label);
        // taken by the machine meanwhile (it waits for this outcome and commits the txn itself), or dropped
        boolean stillHere = e != null && e.future() == f;
        return stillHere && independent(label, seq, tables);
    }

    /**
     * The early work for the upsert the machine now begins, when there is some for this label,
     * binlog and names; waits for it. A begin that failed throws its error.
     */
    Optional<Outcome> take(String label, DecodedBinlog binlog, Map<Long, String> names) {
        Early e;
        synchronized (this) {
            e = running.remove(label);
        }
        if (e == null) {
            return Optional.empty();
        }
        if (!e.binlog().equals(binlog) || !e.names().equals(Map.copyOf(names))) {
            abort(e, "the machine began it with other input"); // cannot happen without a defect: never reuse it
            return Optional.empty();
        }
        boolean ready = e.future().isDone();
        long t0 = ready ? 0 : System.nanoTime();
        try {
            return Optional.of(join(e.future()));
        } finally {
            lane.took(ready, ready ? 0 : System.nanoTime() - t0);
        }
    }

    /** Rolls back the early txns whose labels are not in {@code keep}. */
    void discardExcept(Set<String> keep, String why) {
        List<Early> drop = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Early> it = running.values().iterator(); it.hasNext(); ) {
                Early e = it.next();
                if (!keep.contains(e.label())) {
                    it.remove();
                    drop.add(e);
                }
            }
        }
        for (Early e : drop) {
            abort(e, why);
        }
        synchronized (this) {
            // the machine went past these (done, or skipped: never committed, so nothing waits for them)
            uncommitted.keySet().retainAll(keep);
        }
    }

    /**
     * Rolls back every early txn (the machine goes elsewhere: a failure, a DDL, a copy, the job
     * pausing or stopping); the job no longer waits for a lookahead slot.
     */
    void discard(String why) {
        discardExcept(Set.of(), why);
        boolean wasWaiting;
        synchronized (this) {
            wasWaiting = waiting;
            waiting = false;
        }
        if (wasWaiting) {
            lane.idle();
        }
    }

    /** True when there is early work to roll back, or the job waits for a slot: {@link #discard} has work. */
    synchronized boolean holdsAnything() {
        return !running.isEmpty() || waiting || !uncommitted.isEmpty();
    }

    private void abort(Early e, String why) {
        Outcome o;
        try {
            o = join(e.future());
        } catch (CcrException failed) {
            return; // the begin failed: there is no txn to roll back
        }
        if (o.committed()) {
            log.debug("early txn {} not taken ({}) stays committed: the job counts it done by its label", e.label(),
                    why);
            return;
        }
        if (o.begin() instanceof BeginTxnResult.Begun b) {
            try {
                rollback.accept(b.txnId());
                log.debug("early txn {} ({}) rolled back: {}", b.txnId(), e.label(), why);
            } catch (CcrException failed) {
                // the txn stays open until its timeout; the next begin with its label finds and aborts it
                log.info("early txn {} ({}) not needed ({}) could not be rolled back now: {}", b.txnId(), e.label(),
                        why, failed.getMessage());
            }
        }
    }

    private static Outcome join(CompletableFuture<Outcome> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CcrException ce) {
                throw ce;
            }
            throw new CcrException(ErrorCode.INTERNAL_ERROR, "early begin failed: " + e.getCause(), e.getCause());
        }
    }
}
