package dev.dorisccr.core.migrate;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a Go syncer's metadata store holds (inventory 6.1): the rows of {@code jobs} and {@code
 * progresses}, and the heartbeats of {@code syncers}. Read by {@code ccr-store}; nothing here is
 * interpreted yet.
 *
 * @param where the store, without credentials, for messages
 * @param jobs one per {@code jobs} row, ordered by name
 * @param syncers one per {@code syncers} row
 */
public record GoStoreContents(String where, List<Job> jobs, List<Syncer> syncers) {
    public GoStoreContents {
        requireNonNull(where, "where is null");
        jobs = List.copyOf(jobs);
        syncers = List.copyOf(syncers);
    }

    /**
     * One Go job.
     *
     * @param name {@code jobs.job_name}
     * @param jobInfo {@code jobs.job_info}, the job JSON (inventory 3.1), with the passwords
     * @param progress the progress JSON (decoded from base64 where the Go store encodes it), empty
     *     when the job has no {@code progresses} row
     * @param progressError why the stored progress could not be decoded, if it could not
     */
    public record Job(String name, String jobInfo, Optional<String> progress, Optional<String> progressError) {
        public Job {
            requireNonNull(name, "name is null");
            requireNonNull(jobInfo, "jobInfo is null");
            requireNonNull(progress, "progress is null");
            requireNonNull(progressError, "progressError is null");
        }

        @Override
        public String toString() {
            return "Job[name=" + name + ", jobInfo=" + jobInfo.length() + " chars, progress="
                    + progress.map(p -> p.length() + " chars").orElse("none") + "]";
        }
    }

    /** A Go syncer's heartbeat: {@code syncers.host_info} and {@code timestamp} (unix nanoseconds). */
    public record Syncer(String hostInfo, long timestampNanos) {
        public Syncer {
            requireNonNull(hostInfo, "hostInfo is null");
        }

        public Instant heartbeatAt() {
            return Instant.ofEpochSecond(0, timestampNanos);
        }
    }

    /** The Go syncers that heartbeated after {@code since}: still running, most likely. */
    public List<Syncer> syncersAliveSince(Instant since) {
        return syncers.stream().filter(s -> s.heartbeatAt().isAfter(since)).toList();
    }
}
