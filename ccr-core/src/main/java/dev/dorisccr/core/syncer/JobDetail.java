package dev.dorisccr.core.syncer;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.job.JobSpec;

/** A stored job: its spec and what the operator asked for. */
public record JobDetail(JobSpec spec, DesiredState state) {
    public JobDetail {
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
    }
}
