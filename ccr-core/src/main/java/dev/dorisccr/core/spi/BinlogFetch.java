package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.RawBinlog;
import java.util.List;

/** What getBinlog answered, in the three ways that are not errors. */
public sealed interface BinlogFetch {
    /** Binlogs strictly after the requested seq, ascending (OK). */
    record Batch(List<RawBinlog> binlogs) implements BinlogFetch {
        public Batch {
            binlogs = List.copyOf(requireNonNull(binlogs, "binlogs is null"));
        }
    }

    /** The requested seq was collected; {@code dummy} tells where history starts (BINLOG_TOO_OLD_COMMIT_SEQ). */
    record TooOld(RawBinlog dummy) implements BinlogFetch {
        public TooOld {
            requireNonNull(dummy, "dummy is null");
        }
    }

    /** Nothing newer than the requested seq (BINLOG_TOO_NEW_COMMIT_SEQ). */
    record CaughtUp() implements BinlogFetch {}
}
