package dev.dorisccr.testkit.mysql;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decorates a handler with faults chosen by statement regex and a seeded probability: latency,
 * an ERR answer, or a dropped connection. For each statement every matching rule rolls once, in
 * rule order, from one seeded {@link Random} (so a single-threaded run is reproducible from the
 * seed, which is logged). Latencies add up; the first error or drop that hits wins over the
 * delegate. Latency is served by the injected scheduler: the connection's thread waits for a
 * scheduled completion, nobody sleeps.
 */
public final class FaultInjectingHandler implements SessionAwareHandler {
    private static final Logger log = LoggerFactory.getLogger(FaultInjectingHandler.class);

    private final QueryHandler delegate;
    private final List<FaultRule> rules;
    private final long seed;
    private final Random random;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong latencies = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();

    private FaultInjectingHandler(Builder b) {
        this.delegate = b.delegate;
        this.rules = List.copyOf(b.rules);
        this.seed = b.seed;
        this.random = new Random(b.seed);
        this.scheduler = b.scheduler;
        log.info("fault injection with seed {} and {} rule(s)", seed, rules.size());
    }

    public static Builder builder(QueryHandler delegate) {
        return new Builder(delegate);
    }

    public long seed() {
        return seed;
    }

    /** Statements delayed so far. */
    public long latencyCount() {
        return latencies.get();
    }

    /** Statements answered with an injected error so far. */
    public long errorCount() {
        return errors.get();
    }

    /** Connections dropped so far. */
    public long dropCount() {
        return drops.get();
    }

    @Override
    public QueryResult handle(Session session, String sql) {
        long delayNanos = 0;
        FaultRule.Fault terminal = null;
        synchronized (random) {
            for (FaultRule rule : rules) {
                if (!rule.matches(sql) || random.nextDouble() >= rule.probability()) {
                    continue;
                }
                FaultRule.Fault fault = rule.fault();
                if (fault instanceof FaultRule.Latency) {
                    delayNanos += ((FaultRule.Latency) fault).delay().toNanos();
                } else if (terminal == null) {
                    terminal = fault;
                }
            }
        }
        if (delayNanos > 0) {
            latencies.incrementAndGet();
            log.debug("session {}: delaying {} by {}", session.id(), sql,
                    Duration.ofNanos(delayNanos));
            QueryResult interrupted = await(delayNanos);
            if (interrupted != null) {
                return interrupted;
            }
        }
        if (terminal instanceof FaultRule.Failure) {
            errors.incrementAndGet();
            log.debug("session {}: injecting an error into {}", session.id(), sql);
            return ((FaultRule.Failure) terminal).error();
        }
        if (terminal instanceof FaultRule.Drop) {
            drops.incrementAndGet();
            log.debug("session {}: dropping the connection on {}", session.id(), sql);
            return QueryResult.disconnect();
        }
        return delegate.handle(session, sql);
    }

    /** Waits for the scheduler; an error result if interrupted, otherwise null. */
    private QueryResult await(long delayNanos) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> done.complete(null), delayNanos, TimeUnit.NANOSECONDS);
            done.get();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return QueryResult.error(1317, "70100", "Query execution was interrupted");
        } catch (RejectedExecutionException | ExecutionException e) {
            return QueryResult.error(QueryResult.Error.ER_UNKNOWN_ERROR, "HY000",
                    "fault injection scheduler unavailable: " + e);
        }
    }

    @Override
    public void onConnect(Session session) {
        if (delegate instanceof SessionAwareHandler) {
            ((SessionAwareHandler) delegate).onConnect(session);
        }
    }

    @Override
    public void onDisconnect(Session session) {
        if (delegate instanceof SessionAwareHandler) {
            ((SessionAwareHandler) delegate).onDisconnect(session);
        }
    }

    @Override
    public QueryResult onInitDb(Session session, String database) {
        return delegate instanceof SessionAwareHandler
                ? ((SessionAwareHandler) delegate).onInitDb(session, database)
                : QueryResult.ok();
    }

    /** Collects rules; a scheduler is required once a latency rule is present. */
    public static final class Builder {
        private final QueryHandler delegate;
        private final List<FaultRule> rules = new ArrayList<>();
        private long seed;
        private boolean seeded;
        private ScheduledExecutorService scheduler;

        private Builder(QueryHandler delegate) {
            this.delegate = requireNonNull(delegate, "delegate is null");
        }

        public Builder seed(long seed) {
            this.seed = seed;
            this.seeded = true;
            return this;
        }

        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = requireNonNull(scheduler, "scheduler is null");
            return this;
        }

        public Builder rule(FaultRule rule) {
            rules.add(requireNonNull(rule, "rule is null"));
            return this;
        }

        public FaultInjectingHandler build() {
            if (!seeded) {
                throw new IllegalStateException("set a seed: fault runs must be reproducible");
            }
            boolean latency = rules.stream()
                    .anyMatch(r -> r.fault() instanceof FaultRule.Latency);
            if (latency && scheduler == null) {
                throw new IllegalStateException("a latency rule needs a scheduler");
            }
            return new FaultInjectingHandler(this);
        }
    }
}
