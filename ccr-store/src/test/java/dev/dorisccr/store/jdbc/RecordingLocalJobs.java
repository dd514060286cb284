package dev.dorisccr.store.jdbc;

import dev.dorisccr.core.ha.LocalJobs;
import dev.dorisccr.core.ha.StopReason;
import dev.dorisccr.core.store.JobLease;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Jobs "running" on one simulated syncer, with the history of starts and stops. */
final class RecordingLocalJobs implements LocalJobs {
    record Event(String job, String what) {}

    final TreeMap<String, JobLease> running = new TreeMap<>();
    final List<Event> events = new ArrayList<>();

    @Override
    public void start(JobLease lease) {
        if (running.containsKey(lease.jobName())) {
            throw new AssertionError("started twice: " + lease);
        }
        running.put(lease.jobName(), lease);
        events.add(new Event(lease.jobName(), "start"));
    }

    @Override
    public void stop(String jobName, StopReason reason) {
        if (running.remove(jobName) == null) {
            throw new AssertionError("stopped a job that was not running: " + jobName + " " + reason);
        }
        events.add(new Event(jobName, "stop " + reason));
    }

    Map<String, JobLease> running() {
        return running;
    }
}
