package dev.dorisccr.core.spi;

/**
 * What the operator wants a job to do, kept apart from what the job is observed doing. {@link
 * #DELETED} marks a job whose deletion is in progress (the "being deleted" guard against a
 * delayed second delete wiping a recreated job of the same name).
 */
public enum DesiredState {
    RUNNING,
    PAUSED,
    DELETED
}
