package dev.dorisccr.core.job;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;

/**
 * What the operator asked for, kept apart from the observed progress. Codes 0 and 1 are the Go
 * syncer's {@code JobState}; {@link #DELETED} (2) is ours: a delete is recorded first, so the
 * owning syncer stops the job (even mid-wait) and then removes its rows.
 */
public enum DesiredState {
    RUNNING(0, "running"),
    PAUSED(1, "paused"),
    DELETED(2, "deleted");

    private final int code;
    private final String goName;

    DesiredState(int code, String goName) {
        this.code = code;
        this.goName = goName;
    }

    public int code() {
        return code;
    }

    /** The name {@code /job_status} prints. */
    public String goName() {
        return goName;
    }

    public static DesiredState fromCode(int code) {
        for (DesiredState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new CcrException(ErrorCode.INVALID_ARGUMENT, "unknown job state " + code).with("state", code);
    }
}
