package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * How many {@code ingest_binlog} calls a syncer has in flight: at most {@link #perBackend()} on one
 * target BE and at most {@link #total()} in all, over every job that shares this object (one per
 * syncer: {@link DorisClusterOperations} hands the same one to every job's executor). Without it,
 * 1,000 jobs could each open the per-BE limit on the same BE.
 *
 * <p>A caller takes a {@link Permit} before it submits the call and the call's task closes it. A
 * thread waiting for a permit holds only permits of calls already submitted, which end on their
 * own, so waiting never deadlocks; a busy syncer queues its jobs' calls here, fairly (FIFO), instead
 * of piling blocked threads in the ingest pool. Backends are named by their dialed address
 * ({@code host:bePort}), the same BE whichever job or cluster spec reaches it. Thread-safe.
 */
public final class IngestLimits {
    /** The default of {@link #perBackend()}, the server's {@code -max_ingest_concurrency_per_backend}. */
    public static final int DEFAULT_PER_BACKEND = 48;
    /** The default of {@link #total()}, the server's {@code -max_ingest_concurrency}. */
    public static final int DEFAULT_TOTAL = 256;
    /** The largest value either limit takes. */
    public static final int MAX = 4096;

    private final int perBackend;
    private final int total;
    private final Semaphore all;
    private final ConcurrentMap<String, Semaphore> backends = new ConcurrentHashMap<>();

    /**
     * @param perBackend calls in flight per target BE, 1..{@value #MAX}
     * @param total calls in flight in all, 1..{@value #MAX}
     * @throws IllegalArgumentException when a limit is out of range
     */
    public IngestLimits(int perBackend, int total) {
        this.perBackend = check("perBackend", perBackend);
        this.total = check("total", total);
        this.all = new Semaphore(total, true);
    }

    /** The defaults: {@value #DEFAULT_PER_BACKEND} per BE, {@value #DEFAULT_TOTAL} in all. */
    public static IngestLimits defaults() {
        return new IngestLimits(DEFAULT_PER_BACKEND, DEFAULT_TOTAL);
    }

    private static int check(String name, int v) {
        if (v < 1 || v > MAX) {
            throw new IllegalArgumentException(name + " must be in 1.." + MAX + ": " + v);
        }
        return v;
    }

    public int perBackend() {
        return perBackend;
    }

    public int total() {
        return total;
    }

    /**
     * Waits for a slot on {@code backend} and one in all (in that order: a thread waiting for the
     * total holds no slot another BE needs).
     *
     * @param backend the BE's dialed address, {@code host:bePort}
     * @throws CcrException {@link ErrorCode#ILLEGAL_STATE} when interrupted while waiting (the
     *     interrupt flag is kept); nothing is then held
     */
    public Permit acquire(String backend) {
        requireNonNull(backend, "backend is null");
        Semaphore be = backends.computeIfAbsent(backend, k -> new Semaphore(perBackend, true));
        try {
            be.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(backend, e);
        }
        try {
            all.acquire();
        } catch (InterruptedException e) {
            be.release();
            Thread.currentThread().interrupt();
            throw interrupted(backend, e);
        }
        return new Permit(be);
    }

    private static CcrException interrupted(String backend, InterruptedException e) {
        return new CcrException(ErrorCode.ILLEGAL_STATE, "interrupted while waiting for an ingest slot on "
                + backend, e);
    }

    /** Calls in flight on {@code backend} now (permits taken and not closed). */
    public int inFlight(String backend) {
        Semaphore be = backends.get(backend);
        return be == null ? 0 : perBackend - be.availablePermits();
    }

    /** Calls in flight in all now. */
    public int inFlight() {
        return total - all.availablePermits();
    }

    /** One call's slot; {@link #close()} gives it back, once (a second close does nothing). */
    public final class Permit implements AutoCloseable {
        private final Semaphore backend;
        private boolean closed;

        private Permit(Semaphore backend) {
            this.backend = backend;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            all.release();
            backend.release();
        }
    }

    @Override
    public String toString() {
        return "IngestLimits[perBackend=" + perBackend + ", total=" + total + ", inFlight=" + inFlight() + "]";
    }
}
