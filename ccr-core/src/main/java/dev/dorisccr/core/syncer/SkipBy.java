package dev.dorisccr.core.syncer;

/** How {@code /job_skip_binlog} skips: silently drop one binlog, or resync fully instead. */
public enum SkipBy {
    SILENCE("silence"),
    FULLSYNC("fullsync");

    private final String apiName;

    SkipBy(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
