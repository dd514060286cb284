package dev.dorisccr.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The jobs: spec (opaque JSON), desired state and secrets, with a version check on every change.
 *
 * <p>Failures: {@code INVALID_ARGUMENT} (a bad job or secret name), {@code JOB_ALREADY_EXISTS},
 * {@code JOB_NOT_FOUND}, {@code VERSION_CONFLICT} (the stored version is not the expected one:
 * re-read and retry), {@code STORE_UNAVAILABLE}, {@code SECRET_UNREADABLE} (secrets stored
 * encrypted cannot be read with the key given). A failed call changes nothing. The rest of the
 * contract (threads, time, names) is on {@link MetadataStore}.
 */
public interface JobStore {
    /**
     * Creates a job at a new version, {@code createdAt} and {@code updatedAt} the store's clock;
     * fails with {@code JOB_ALREADY_EXISTS} if the name is taken.
     */
    JobRecord create(String name, String spec, DesiredState desiredState, Map<String, Secret> secrets);

    Optional<JobRecord> get(String name);

    /** All jobs, ordered by name. */
    List<JobRecord> list();

    /** The desired state of every job, ordered by name, without reading specs or secrets. */
    SortedMap<String, DesiredState> desiredStates();

    /**
     * Replaces spec, desired state and secrets (all of them: secrets not given are dropped) if
     * the stored version is {@code expectedVersion}; the job gets a new version and {@code
     * updatedAt}, and keeps {@code createdAt}.
     */
    JobRecord update(
            String name, long expectedVersion, String spec, DesiredState desiredState, Map<String, Secret> secrets);

    /**
     * Deletes the job with its progress and lease if the stored version is {@code expectedVersion}.
     */
    void delete(String name, long expectedVersion);
}
