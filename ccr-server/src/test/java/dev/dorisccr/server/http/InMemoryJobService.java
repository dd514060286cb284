package dev.dorisccr.server.http;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.syncer.DesyncReport;
import dev.dorisccr.core.syncer.JobDetail;
import dev.dorisccr.core.syncer.JobLag;
import dev.dorisccr.core.syncer.JobOwner;
import dev.dorisccr.core.syncer.JobService;
import dev.dorisccr.core.syncer.JobStatus;
import dev.dorisccr.core.syncer.PreflightReport;
import dev.dorisccr.core.syncer.SkipBy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A hand-written JobService that records calls; jobs named "remote-*" belong to the syncer at
 * {@link #remoteOwner} (none when null: they are then jobs like any other).
 */
public final class InMemoryJobService implements JobService {
    public final Map<String, JobSpec> specs = new TreeMap<>();
    public final Map<String, DesiredState> states = new TreeMap<>();
    public final List<String> calls = new ArrayList<>();
    public List<String> failingDesync = List.of();
    public volatile String remoteOwner = "10.1.1.1:9191";
    /** What {@link #preflight} answers; null: the JobService default (not available). */
    public volatile PreflightReport preflightReport;

    private JobSpec get(String name) {
        JobSpec s = specs.get(name);
        if (s == null) {
            throw new CcrException(ErrorCode.JOB_NOT_FOUND, "job not exist: " + name);
        }
        return s;
    }

    @Override
    public void create(JobSpec spec) {
        if (specs.containsKey(spec.name())) {
            throw new CcrException(ErrorCode.JOB_ALREADY_EXISTS, "job " + spec.name() + " already exist");
        }
        specs.put(spec.name(), spec);
        states.put(spec.name(), DesiredState.RUNNING);
    }

    @Override
    public PreflightReport preflight(JobSpec spec) {
        PreflightReport r = preflightReport;
        if (r == null) {
            return JobService.super.preflight(spec);
        }
        calls.add("preflight " + spec.name());
        return r;
    }

    @Override
    public void pause(String name) {
        get(name);
        states.put(name, DesiredState.PAUSED);
    }

    @Override
    public void resume(String name) {
        get(name);
        states.put(name, DesiredState.RUNNING);
    }

    @Override
    public void delete(String name) {
        get(name);
        specs.remove(name);
        states.remove(name);
    }

    @Override
    public DesyncReport desync(String name) {
        get(name);
        return new DesyncReport(List.of("t1"), failingDesync);
    }

    @Override
    public JobStatus status(String name) {
        JobSpec s = get(name);
        SyncProgress p = SyncProgress.initial(name, s.syncType(), 0, 1);
        return new JobStatus(name, states.get(name), p.syncState(), p.subSyncState(), Optional.empty(), false,
                dev.dorisccr.core.job.ObservedStatus.starting(0));
    }

    @Override
    public JobLag lag(String name) {
        get(name);
        return new JobLag(3, 65, 101, 103, 0, 65_000);
    }

    @Override
    public List<String> list() {
        return List.copyOf(specs.keySet());
    }

    @Override
    public JobDetail detail(String name) {
        return new JobDetail(get(name), states.get(name));
    }

    @Override
    public SyncProgress progress(String name) {
        return SyncProgress.initial(name, get(name).syncType(), 0, 1).toBuilder().data("snapshot-secret-blob").build();
    }

    @Override
    public boolean sync(String name) {
        get(name);
        calls.add("sync " + name);
        return true;
    }

    @Override
    public void forceFullSync(String name) {
        get(name);
        calls.add("forceFullSync " + name);
    }

    @Override
    public void skipBinlog(String name, SkipBy by, long commitSeq) {
        get(name);
        calls.add("skip " + name + " " + by + " " + commitSeq);
    }

    @Override
    public void updateHostMapping(String name, Map<String, String> source, Map<String, String> target) {
        get(name);
        calls.add("hosts " + name + " " + source + " " + target);
    }

    @Override
    public void updateSkipError(String name, boolean skipError) {
        get(name);
        calls.add("skip_error " + name + " " + skipError);
    }

    @Override
    public JobOwner ownerOf(String name) {
        String remote = remoteOwner;
        if (remote != null && name.startsWith("remote-")) {
            return JobOwner.remote(remote);
        }
        return specs.containsKey(name) ? JobOwner.local() : JobOwner.notFound();
    }
}
