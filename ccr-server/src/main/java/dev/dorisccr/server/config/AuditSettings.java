package dev.dorisccr.server.config;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.syncer.JournalRetention;
import java.time.Duration;

/**
 * What the syncer records and checks about the jobs' work: the apply journal and the periodic verification.
 *
 * @param journalRetention how long and how many apply journal entries are kept
 * @param verifyInterval the time between two periodic verifications of every job, zero for none
 */
public record AuditSettings(JournalRetention.Settings journalRetention, Duration verifyInterval) {
    /** The journal's default retention; no periodic verification. */
    public static final AuditSettings DEFAULTS = new AuditSettings(JournalRetention.Settings.DEFAULTS, Duration.ZERO);

    public AuditSettings {
        requireNonNull(journalRetention, "journalRetention is null");
        requireNonNull(verifyInterval, "verifyInterval is null");
        if (verifyInterval.isNegative()) {
            throw new IllegalArgumentException("verifyInterval < 0");
        }
    }
}
