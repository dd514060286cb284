package dev.dorisccr.core.binlog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The outcome of {@link BinlogDecoder#decode}: a record, or an error; never an exception. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Failed {

    /** True for {@link Decoded}. */
    boolean isDecoded();

    /**
     * A decoded payload.
     *
     * @param record the record; for a BARRIER that wrapped another binlog, the <em>inner</em> record
     * @param rawJson the JSON as given ("" for a DUMMY without data)
     * @param barrier the wrapping BARRIER when {@code record} was unwrapped from one, else empty
     */
    record Decoded(BinlogRecord record, String rawJson, Optional<BarrierRecord> barrier) implements DecodeResult {
        public Decoded {
            requireNonNull(record, "record is null");
            requireNonNull(rawJson, "rawJson is null");
            requireNonNull(barrier, "barrier is null");
        }

        /** A record that was not wrapped. */
        public Decoded(BinlogRecord record, String rawJson) {
            this(record, rawJson, Optional.empty());
        }

        /** True when the record came out of a BARRIER wrapper (the Doris 2.x form). */
        public boolean wasWrapped() {
            return barrier.isPresent();
        }

        @Override
        public boolean isDecoded() {
            return true;
        }
    }

    /**
     * A payload that could not be decoded.
     *
     * @param error what went wrong and where
     */
    record Failed(DecodeError error) implements DecodeResult {
        public Failed {
            requireNonNull(error, "error is null");
        }

        @Override
        public boolean isDecoded() {
            return false;
        }
    }
}
