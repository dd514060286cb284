package dev.dorisccr.server.view;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobError;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.job.SyncType;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.HostMapping;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.syncer.DesyncReport;
import dev.dorisccr.core.syncer.JobDetail;
import dev.dorisccr.core.syncer.JobLag;
import dev.dorisccr.core.syncer.JobOwner;
import dev.dorisccr.core.syncer.JobService;
import dev.dorisccr.core.syncer.JobStatus;
import dev.dorisccr.core.syncer.SkipBy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A JobService whose jobs the test sets field by field; it counts lag calls. Read-only operations only. */
final class ScriptedJobService implements JobService {
    /** One job as the test wants the service to show it. */
    static final class Job {
        JobSpec spec;
        DesiredState desired = DesiredState.RUNNING;
        ObservedStatus observed = ObservedStatus.starting(0);
        SyncProgress progress;
        JobLag lag = new JobLag(0, 0, -1, 10, -1, 0);
        CcrException lagFailure;
        CcrException statusFailure;
        int lagCalls;
        /** The job's journal, newest first; null: the store keeps none. */
        List<dev.dorisccr.core.spi.JournalEntry> journal;
        int journalCalls;

        Job observed(ObservedState state, String detail, long sinceMs) {
            observed = new ObservedStatus(state, detail, observed.error(), observed.attempt(), observed.nextRetryAtMs(),
                    sinceMs);
            return this;
        }

        Job error(ErrorCode code, String message, String step, long seq, long firstAt, long lastAt, int count,
                List<String> actions) {
            observed = new ObservedStatus(observed.state(), observed.detail(),
                    Optional.of(new JobError(code, message, step, seq, firstAt, lastAt, count, actions)), observed.attempt(),
                    observed.nextRetryAtMs(), observed.sinceMs());
            return this;
        }

        Job verified(dev.dorisccr.core.job.VerificationSummary v) {
            observed = observed.withVerification(v);
            return this;
        }

        Job clearError() {
            observed = new ObservedStatus(observed.state(), observed.detail(), Optional.empty(), 0, 0, observed.sinceMs());
            return this;
        }

        Job backingOff(int attempt, long nextRetryAtMs) {
            observed = new ObservedStatus(ObservedState.BACKING_OFF, observed.detail(), observed.error(), attempt,
                    nextRetryAtMs, observed.sinceMs());
            return this;
        }

        Job desired(DesiredState state) {
            desired = state;
            return this;
        }

        Job lag(long binlogs, long seconds) {
            lag = new JobLag(binlogs, seconds, binlogs == 0 ? -1 : 100, 100 + binlogs, 0, seconds * 1000);
            lagFailure = null;
            return this;
        }

        Job fullSync(String reason, long startAtSeconds) {
            progress = progress.toBuilder().fullSyncReason(reason).fullSyncStartAt(startAtSeconds).build();
            return this;
        }

        Job state(SyncState state, SubSyncState sub) {
            progress = progress.toBuilder().syncState(state).subSyncState(sub).build();
            return this;
        }
    }

    final Map<String, Job> jobs = new TreeMap<>();
    CcrException listFailure;
    RuntimeException listBug;
    int listCalls;

    /** A table job {@code name} copying {@code shop.<table>} to {@code backup.<table>}. */
    Job table(String name, String table) {
        return add(name, new JobEndpoint(cluster("fe-src.example", HostMapping.none()), "shop", table),
                new JobEndpoint(cluster("fe-dst.example", HostMapping.none()), "backup", table));
    }

    /** A table job whose target table has another name, with a host mapping. */
    Job alias(String name, String table, String targetTable) {
        return add(name, new JobEndpoint(cluster("fe-src.example", HostMapping.none()), "shop", table),
                new JobEndpoint(cluster("fe-dst.example", new HostMapping(Map.of("10.0.0.1", "be1.example"))), "backup",
                        targetTable));
    }

    /** A database job. */
    Job db(String name, String db) {
        return add(name, new JobEndpoint(cluster("fe-src.example", HostMapping.none()), db, ""),
                new JobEndpoint(cluster("fe-dst.example", HostMapping.none()), db, ""));
    }

    private Job add(String name, JobEndpoint source, JobEndpoint target) {
        Job j = new Job();
        j.spec = new JobSpec(name, source, target, JobOptions.DEFAULTS);
        j.progress = SyncProgress.initial(name, j.spec.syncType(), 0, 1).toBuilder().fullSyncStartAt(0)
                .fullSyncReason("").build();
        jobs.put(name, j);
        return j;
    }

    private static ClusterSpec cluster(String host, HostMapping mapping) {
        return new ClusterSpec(host, 9030, 9020, "root", Secret.of("hunter2"), "", mapping);
    }

    static SyncState incremental(SyncType t) {
        return t == SyncType.DB_SYNC ? SyncState.DB_INCREMENTAL_SYNC : SyncState.TABLE_INCREMENTAL_SYNC;
    }

    private Job get(String name) {
        Job j = jobs.get(name);
        if (j == null) {
            throw new CcrException(ErrorCode.JOB_NOT_FOUND, "job not exist: " + name);
        }
        return j;
    }

    @Override
    public JobStatus status(String name) {
        Job j = get(name);
        if (j.statusFailure != null) {
            throw j.statusFailure;
        }
        return new JobStatus(name, j.desired, j.progress.syncState(), j.progress.subSyncState(),
                j.observed.error().map(e -> e.code() + ": " + e.message()), false, j.observed);
    }

    @Override
    public List<dev.dorisccr.core.spi.JournalEntry> journal(dev.dorisccr.core.spi.JournalQuery query) {
        Job j = get(query.jobName());
        j.journalCalls++;
        if (j.journal == null) {
            throw new CcrException(ErrorCode.DORIS_UNSUPPORTED, "this metadata store keeps no apply journal");
        }
        return j.journal.stream().filter(query::matches).limit(query.limit()).toList();
    }

    @Override
    public JobLag lag(String name) {
        Job j = get(name);
        j.lagCalls++;
        if (j.lagFailure != null) {
            throw j.lagFailure;
        }
        return j.lag;
    }

    @Override
    public List<String> list() {
        listCalls++;
        if (listBug != null) {
            throw listBug;
        }
        if (listFailure != null) {
            throw listFailure;
        }
        return List.copyOf(jobs.keySet());
    }

    @Override
    public JobDetail detail(String name) {
        Job j = get(name);
        return new JobDetail(j.spec, j.desired);
    }

    @Override
    public SyncProgress progress(String name) {
        return get(name).progress;
    }

    @Override
    public JobOwner ownerOf(String name) {
        return jobs.containsKey(name) ? JobOwner.local() : JobOwner.notFound();
    }

    @Override
    public void create(JobSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void pause(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void resume(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DesyncReport desync(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void forceFullSync(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean sync(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void skipBinlog(String name, SkipBy by, long commitSeq) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateHostMapping(String name, Map<String, String> source, Map<String, String> target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateSkipError(String name, boolean skipError) {
        throw new UnsupportedOperationException();
    }
}
