package dev.dorisccr.core.migrate;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.json.SyncProgressJson;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.JobRecord;
import dev.dorisccr.core.spi.MetadataStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a Go syncer's jobs into this syncer's store ({@code ccr-syncer migrate-from-go}). Per
 * job: the Go job JSON becomes the spec (passwords into the store's secrets), the Go progress is
 * planned by {@link GoProgressImport}, and both are written as a running syncer would find them:
 *
 * <ol>
 *   <li>the job is created PAUSED, so no syncer runs it yet;
 *   <li>its lease is taken under {@link #LEASE_OWNER} (no syncer has that address) and the progress
 *       is written under the lease's fencing token: a syncer that raced for the lease makes the
 *       write fail ({@code LEASE_LOST}) and the job is removed again;
 *   <li>the desired state becomes the Go job's (running or paused) and the lease is released: the
 *       next syncer tick acquires it and resumes from the imported progress.
 * </ol>
 *
 * <p>Jobs already in the store are skipped unless {@code replace}; a job held by a live lease is
 * never replaced. Every problem stays with its job; the others are still imported.
 */
public final class GoMigration {
    private static final Logger log = LoggerFactory.getLogger(GoMigration.class);

    /** The lease owner while a job is written: not a syncer address, so no syncer thinks it is its own. */
    public static final String LEASE_OWNER = "ccr-migrate-from-go:1";
    private static final Duration LEASE_TTL = Duration.ofMinutes(1);

    /** What happened to one job. */
    public enum Status {
        IMPORTED,
        WOULD_IMPORT,
        SKIPPED,
        FAILED
    }

    /**
     * The result for one job, with no password in any field.
     *
     * @param name the job
     * @param route {@code db_sync src host:port db -> dest host:port db}, empty when the job JSON is unreadable
     * @param plan the plan, when the job got that far
     * @param message why it failed or was skipped, or what was written
     */
    public record Result(String name, Status status, String route, Optional<GoProgressImport.Plan> plan,
            String message) {
        public Result {
            requireNonNull(name, "name is null");
            requireNonNull(status, "status is null");
            requireNonNull(route, "route is null");
            requireNonNull(plan, "plan is null");
            requireNonNull(message, "message is null");
        }
    }

    /** All results, in the Go store's order. */
    public record Report(List<Result> results) {
        public Report {
            results = List.copyOf(results);
        }

        /** No job failed (skipped jobs are in the store already). */
        public boolean allImported() {
            return results.stream().noneMatch(r -> r.status() == Status.FAILED);
        }

        public long count(Status status) {
            return results.stream().filter(r -> r.status() == status).count();
        }
    }

    private final Function<JobSpec, GoProgressImport.TxnLookup> txns;
    private final InstantSource clock;

    /**
     * @param txns how to ask a job's target about a Go txn (asked only for upserts caught committing)
     * @param clock for the leases and the progress times
     */
    public GoMigration(Function<JobSpec, GoProgressImport.TxnLookup> txns, InstantSource clock) {
        this.txns = requireNonNull(txns, "txns is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Plans every job and writes nothing; {@code existing} are the job names already in this store. */
    public Report dryRun(GoStoreContents go, Set<String> existing, boolean replace) {
        List<Result> out = new ArrayList<>();
        for (GoStoreContents.Job job : go.jobs()) {
            out.add(prepare(job, existing.contains(job.name()), replace).result(Status.WOULD_IMPORT,
                    existing.contains(job.name()) ? "would replace the job of this name" : "would import"));
        }
        return new Report(out);
    }

    /** Plans and imports every job into {@code store}. */
    public Report migrate(GoStoreContents go, MetadataStore store, boolean replace) {
        List<Result> out = new ArrayList<>();
        for (GoStoreContents.Job job : go.jobs()) {
            Result r;
            try {
                Optional<JobRecord> existing = store.jobs().get(job.name());
                Prepared p = prepare(job, existing.isPresent(), replace);
                r = p.ready() ? write(store, p, existing) : p.result(Status.FAILED, "");
            } catch (CcrException e) {
                r = new Result(job.name(), Status.FAILED, "", Optional.empty(), "not imported: " + e.getMessage());
            }
            out.add(r);
        }
        return new Report(out);
    }

    /** A job parsed and planned, or why not. */
    private record Prepared(String name, String route, Optional<GoJobInfo> info, Optional<GoProgressImport.Plan> plan,
            Optional<Status> done, String message) {
        static Prepared failed(String name, String route, Optional<GoProgressImport.Plan> plan, String message) {
            return new Prepared(name, route, Optional.empty(), plan, Optional.of(Status.FAILED), message);
        }

        boolean ready() {
            return done.isEmpty();
        }

        Result result(Status ifReady, String readyMessage) {
            return new Result(name, done.orElse(ifReady), route, plan, done.isPresent() ? message : readyMessage);
        }
    }

    private Prepared prepare(GoStoreContents.Job job, boolean exists, boolean replace) {
        GoJobInfo info;
        try {
            info = GoJobInfo.parse(job.name(), job.jobInfo());
        } catch (CcrException e) {
            return Prepared.failed(job.name(), "", Optional.empty(), e.getMessage());
        }
        String route = route(info.spec());
        if (exists && !replace) {
            return new Prepared(job.name(), route, Optional.of(info), Optional.empty(), Optional.of(Status.SKIPPED),
                    "already in this store, left as it is (--replace overwrites it)");
        }
        if (job.progressError().isPresent()) {
            return Prepared.failed(job.name(), route, Optional.empty(), "progress: " + job.progressError().get());
        }
        GoProgressImport.Plan plan;
        try {
            plan = GoProgressImport.plan(info.spec(), job.progress(), info.sourceTableId(), txns.apply(info.spec()),
                    clock.instant().getEpochSecond());
        } catch (CcrException e) {
            return Prepared.failed(job.name(), route, Optional.empty(), e.getMessage());
        }
        return new Prepared(job.name(), route, Optional.of(info), Optional.of(plan), Optional.empty(), "");
    }

    private Result write(MetadataStore store, Prepared p, Optional<JobRecord> existing) {
        GoJobInfo info = p.info().orElseThrow();
        GoProgressImport.Plan plan = p.plan().orElseThrow();
        JobSpec spec = info.spec();
        Instant now = clock.instant();
        if (existing.isPresent()) {
            Optional<String> owner = store.leases().ownerAddress(spec.name(), now);
            if (owner.isPresent()) {
                return new Result(p.name(), Status.FAILED, p.route(), p.plan(), "not replaced: syncer "
                        + owner.get() + " runs it; stop that syncer (or delete the job) first");
            }
            store.jobs().delete(spec.name(), existing.get().version());
        }
        JobRecord created;
        try {
            created = store.jobs().create(spec.name(), JobSpecJson.toStoredJson(spec), DesiredState.PAUSED,
                    JobSpecJson.secrets(spec));
        } catch (CcrException e) {
            return new Result(p.name(), Status.FAILED, p.route(), p.plan(), "not imported: " + e.getMessage());
        }
        try {
            JobLease lease = store.leases().tryAcquire(spec.name(), LEASE_OWNER, now, LEASE_TTL)
                    .orElseThrow(() -> new CcrException(ErrorCode.LEASE_LOST, "a running syncer took the job's lease before its"
                            + " progress was written; stop the syncers of this store and run the migration again"));
            SyncProgress progress = plan.progress().toBuilder().incarnation(created.version()).build();
            store.progress().put(spec.name(), SyncProgressJson.write(progress), lease.token());
            JobRecord r = store.jobs().get(spec.name()).orElseThrow();
            store.jobs().update(spec.name(), r.version(), r.spec(), info.desiredState(), r.secrets());
            store.leases().release(lease, clock.instant());
        } catch (CcrException e) {
            undo(store, spec.name());
            return new Result(p.name(), Status.FAILED, p.route(), p.plan(), "not imported: " + e.getMessage());
        }
        log.info("Imported Go job {} ({}): {}; {}", spec.name(), p.route(), plan.action(),
                info.desiredState() == DesiredState.PAUSED ? "paused, as in the Go syncer" : "running");
        return new Result(p.name(), Status.IMPORTED, p.route(), p.plan(),
                info.desiredState() == DesiredState.PAUSED ? "imported (paused, as in the Go syncer)" : "imported");
    }

    /** Removes a half-written import; what cannot be removed is named for the operator. */
    private static void undo(MetadataStore store, String name) {
        try {
            store.jobs().get(name).ifPresent(r -> store.jobs().delete(name, r.version()));
        } catch (CcrException e) {
            log.warn("Could not remove the half-imported job {} ({}); delete it before migrating again", name,
                    e.getMessage());
        }
    }

    /** {@code db_sync src 10.0.0.1:9030 shop -> dest 10.0.0.2:9030 shop_copy}, without credentials. */
    static String route(JobSpec spec) {
        return spec.syncType().goName() + " src " + endpoint(spec.source()) + " -> dest " + endpoint(spec.target());
    }

    private static String endpoint(JobEndpoint e) {
        return e.cluster().host() + ":" + e.cluster().port() + " " + e.database()
                + (e.table().isEmpty() ? "" : "." + e.table());
    }
}
