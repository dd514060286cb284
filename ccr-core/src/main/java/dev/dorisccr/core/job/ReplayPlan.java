package dev.dorisccr.core.job;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A dry run of a job: what it would do with the next source binlogs after its committed position.
 *
 * @param job the job's name
 * @param fromCommitSeq the job's committed position the plan starts from (progress prev_commit_seq)
 * @param steps one per binlog, in commit order
 * @param end why the plan stops: {@code caught up}, {@code N binlogs planned}, {@code a full sync
 *     comes next}, {@code the job would stop: ...}, or a failure
 */
public record ReplayPlan(String job, long fromCommitSeq, List<PlanStep> steps, String end) {
    public ReplayPlan {
        requireNonNull(job, "job is null");
        steps = List.copyOf(steps);
        requireNonNull(end, "end is null");
    }
}
