package dev.dorisccr.core.meta;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A tablet (one bucket of one index of one partition) and its replicas. */
public record TabletMeta(long id, List<ReplicaMeta> replicas) {
    public TabletMeta {
        replicas = List.copyOf(requireNonNull(replicas, "replicas is null"));
    }
}
