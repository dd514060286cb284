package dev.dorisccr.core.syncer;

import java.util.List;

/** Which target tables {@code desync} changed and which it could not. */
public record DesyncReport(List<String> desynced, List<String> failed) {
    public DesyncReport {
        desynced = List.copyOf(desynced);
        failed = List.copyOf(failed);
    }

    public boolean ok() {
        return failed.isEmpty();
    }
}
