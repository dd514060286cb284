package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The threads on which pipelined apply begins and ingests upserts ahead of their turn, one pool
 * shared by every job of an engine (docs/engine.md, "Pipelined apply"). Each job's executor takes
 * a {@link Lane}; a lane asks for a slot per early upsert and gives it back when that upsert's
 * early begin and ingest are done (the outcome then waits for the job without a thread).
 *
 * <p>Never blocking: when no slot may be had the lane says so and the job begins and ingests
 * that upsert itself when its turn comes, as without pipelining. So the thread count is bounded
 * by {@link #threads()} whatever the number of jobs, and a saturated pool slows jobs down to the
 * sequential path, never stalls or reorders them.
 *
 * <p>Fair: a job may hold at most {@code max(1, threads / n)} slots, {@code n} being the number of
 * jobs holding one or waiting for one; a job refused a slot is waiting until it gets one or its
 * window ends ({@link Lane#idle()}). So one busy job keeps at most its share once another asks,
 * and a job that asks gets a slot as soon as one is given back, whatever the busy job does.
 *
 * <p>Opt-in, for every job of the pool: {@link #parallelTableCommits()} lets an early upsert also
 * commit early, when no earlier upsert of its window that is not committed yet shares a table
 * with it (docs/engine.md, "Commits of independent tables"). Off by default: commits then stay one
 * at a time, in commit seq order.
 */
public final class LookaheadPool implements AutoCloseable {
    /** Threads of the pool an engine makes when not told otherwise ({@code -lookahead_threads}). */
    public static final int DEFAULT_THREADS = 32;
    /** The most threads a pool may have. */
    public static final int MAX_THREADS = 1024;

    private final int slots;
    private final boolean parallelTableCommits;
    private final Executor executor;
    private final ThreadPoolExecutor owned;
    private final Object lock = new Object();
    /** Slots held per lane; a lane that holds none and waits for one is here with 0. */
    private final Map<Lane, Integer> lanes = new IdentityHashMap<>();
    private int used;
    private long refused;
    private boolean closed;
    private final LongAdder early = new LongAdder();
    private final LongAdder beginNanos = new LongAdder();
    private final LongAdder ingestNanos = new LongAdder();
    private final LongAdder taken = new LongAdder();
    private final LongAdder takenNotReady = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();

    /**
     * A pool of at most {@code threads} daemon threads ({@code ccr-lookahead-N}), started on demand
     * and ended after 30 s idle.
     */
    public LookaheadPool(int threads) {
        this(threads, false);
    }

    /**
     * As above; with {@code parallelTableCommits} the early upserts of a job may also commit ahead
     * of their turn when their tables are independent of every earlier upsert not committed yet
     * ({@code -parallel_table_commits}, {@code CcrEngine.Builder.parallelTableCommits}).
     */
    public LookaheadPool(int threads, boolean parallelTableCommits) {
        this(threads, newExecutor(checked(threads)), parallelTableCommits);
    }

    private LookaheadPool(int threads, ThreadPoolExecutor executor, boolean parallelTableCommits) {
        this.slots = threads;
        this.executor = executor;
        this.owned = executor;
        this.parallelTableCommits = parallelTableCommits;
    }

    /** A pool of {@code slots} slots running its tasks on the caller's executor (tests), which it never closes. */
    LookaheadPool(int slots, Executor executor) {
        this(slots, executor, false);
    }

    /** As above, with early commits of independent tables allowed or not. */
    LookaheadPool(int slots, Executor executor, boolean parallelTableCommits) {
        this.slots = checked(slots);
        this.executor = requireNonNull(executor, "executor is null");
        this.owned = null;
        this.parallelTableCommits = parallelTableCommits;
    }

    private static int checked(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("lookahead threads must be in 1.." + MAX_THREADS + ": " + threads);
        }
        return threads;
    }

    private static ThreadPoolExecutor newExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        // a thread per task only when no idle one takes it (a core size would start one per task up
        // to the size, idle or not); slots bound the tasks to the thread count, and the rare hand-over
        // that finds every thread still ending its task is refused (the job applies without lookahead)
        return new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread t = new Thread(task, "ccr-lookahead-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A new lane for one job's executor. */
    public Lane lane() {
        return new Lane();
    }

    /**
     * True when an upsert begun early may also be committed early (its tables independent of every
     * earlier upsert of its window not committed yet); false (the default): commits stay one at a
     * time, in commit seq order.
     */
    public boolean parallelTableCommits() {
        return parallelTableCommits;
    }

    /** The most tasks at once, which is the most threads. */
    public int threads() {
        return slots;
    }

    /** Slots held now. */
    public int busy() {
        synchronized (lock) {
            return used;
        }
    }

    /** How many early upserts were refused a slot (and so were applied without lookahead). */
    public long refused() {
        synchronized (lock) {
            return refused;
        }
    }

    /**
     * Where the early work's time went, summed over every job of the pool since it started
     * (ApplyBench prints it; docs/engine.md, "Pipelined apply"): the early begins and ingests that
     * ran, their time on the lookahead threads, and how often and how long a job waited in its turn
     * for early work not done yet.
     *
     * @param early early upserts whose begin ran on a lookahead thread
     * @param beginNanos their begins, in all
     * @param ingestNanos their ingests (begins answered "label exists" have none), in all
     * @param taken early upserts the machine took in its turn
     * @param takenNotReady of those, how many were not done when taken (the job waited)
     * @param waitNanos the job's waits for them, in all
     */
    public record Stats(long early, long beginNanos, long ingestNanos, long taken, long takenNotReady,
            long waitNanos) {}

    /** The pool's {@link Stats} now. */
    public Stats stats() {
        return new Stats(early.sum(), beginNanos.sum(), ingestNanos.sum(), taken.sum(), takenNotReady.sum(),
                waitNanos.sum());
    }

    /** Threads alive now (0 for a pool on the caller's executor). */
    public int liveThreads() {
        return owned == null ? 0 : owned.getPoolSize();
    }

    /** The most threads this pool ever had alive at once (0 for a pool on the caller's executor). */
    public int largestThreads() {
        return owned == null ? 0 : owned.getLargestPoolSize();
    }

    /**
     * Stops the threads; tasks still running are interrupted, tasks not started yet are dropped
     * (their {@code dropped} runs), later asks are refused.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        if (owned != null) {
            for (Runnable r : owned.shutdownNow()) {
                if (r instanceof Task t) {
                    t.drop();
                }
            }
        }
    }

    /** A task holding a slot of its lane, given back once it ran or was dropped. */
    private final class Task implements Runnable {
        private final Lane lane;
        private final Runnable body;
        private final Runnable dropped;

        Task(Lane lane, Runnable body, Runnable dropped) {
            this.lane = lane;
            this.body = body;
            this.dropped = dropped;
        }

        @Override
        public void run() {
            try {
                body.run();
            } finally {
                release(lane);
            }
        }

        void drop() {
            try {
                dropped.run();
            } finally {
                release(lane);
            }
        }
    }

    @Override
    public String toString() {
        return "lookahead pool (" + slots + " threads" + (parallelTableCommits ? ", parallel table commits)" : ")");
    }

    private boolean tryAcquire(Lane lane) {
        synchronized (lock) {
            if (closed || lane.closed) {
                return false;
            }
            int held = lanes.getOrDefault(lane, 0);
            int competing = lanes.containsKey(lane) ? lanes.size() : lanes.size() + 1;
            int share = Math.max(1, slots / competing);
            if (used < slots && held < share) {
                lanes.put(lane, held + 1);
                used++;
                return true;
            }
            lanes.putIfAbsent(lane, 0); // waiting: counts in the others' share until it gets one
            refused++;
            return false;
        }
    }

    private void release(Lane lane) {
        synchronized (lock) {
            Integer held = lanes.get(lane);
            if (held == null || held == 0) {
                throw new IllegalStateException("a lookahead slot given back twice");
            }
            used--;
            if (held == 1) {
                lanes.remove(lane);
            } else {
                lanes.put(lane, held - 1);
            }
        }
    }

    private void idle(Lane lane) {
        synchronized (lock) {
            lanes.remove(lane, 0);
        }
    }

    /** Jobs holding a slot or waiting for one (tests). */
    int competing() {
        synchronized (lock) {
            return lanes.size();
        }
    }

    /** Slots held by this lane now (tests). */
    int held(Lane lane) {
        synchronized (lock) {
            return lanes.getOrDefault(lane, 0);
        }
    }

    /** One job's way into the pool. Thread-safe. */
    public final class Lane {
        private volatile boolean closed;

        private Lane() {}

        /**
         * Runs {@code task} on a pool thread when this job may take a slot now, and gives the
         * slot back when the task ends; false (nothing run) when the pool is full or this job
         * holds its share. Never blocks. {@code dropped} runs instead of the task when the pool
         * closes before the task started.
         */
        public boolean trySubmit(Runnable task, Runnable dropped) {
            requireNonNull(task, "task is null");
            requireNonNull(dropped, "dropped is null");
            if (!tryAcquire(this)) {
                return false;
            }
            try {
                executor.execute(new Task(this, task, dropped));
                return true;
            } catch (RejectedExecutionException e) {
                // closed meanwhile, or every thread still ending its task: the job does the work itself
                release(this);
                synchronized (lock) {
                    refused++;
                }
                return false;
            }
        }

        /** Counts one early begin (and its ingest, 0 when there was none) in the pool's {@link #stats()}. */
        void ran(long beginNs, long ingestNs) {
            early.increment();
            beginNanos.add(beginNs);
            ingestNanos.add(ingestNs);
        }

        /** Counts one early upsert the machine took, and how long it waited for it (0: it was done). */
        void took(boolean ready, long waitedNs) {
            taken.increment();
            if (!ready) {
                takenNotReady.increment();
                waitNanos.add(waitedNs);
            }
        }

        /** The pool's {@link LookaheadPool#parallelTableCommits()}. */
        public boolean parallelTableCommits() {
            return parallelTableCommits;
        }

        /** The job's window ended (it fetches, replays a DDL, pauses): it no longer waits for a slot. */
        public void idle() {
            LookaheadPool.this.idle(this);
        }

        /** The job stops: no more slots; tasks running end and give theirs back. */
        public void close() {
            closed = true;
            idle();
        }
    }
}
