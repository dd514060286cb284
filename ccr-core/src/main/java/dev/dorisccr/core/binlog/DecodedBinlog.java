package dev.dorisccr.core.binlog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A binlog as the FE returned it together with its payload, decoded once, when it is fetched: the
 * job machine routes on {@link #type()} and the handlers read {@link #record()}; nothing decodes
 * the same payload again.
 *
 * <p>A payload that could not be decoded is carried as the {@link DecodeResult.Failed} it gave: the
 * machine still routes the binlog by its Thrift type, and the step that needs the record fails with
 * the decode error ({@link #recordOrThrow()}), so the job stops at that binlog as it would without
 * the early decode.
 *
 * @param raw the binlog as fetched
 * @param decoded its payload decoded ({@link BinlogDecoder#decode(RawBinlog)})
 */
public record DecodedBinlog(RawBinlog raw, DecodeResult decoded) {
    public DecodedBinlog {
        requireNonNull(raw, "raw is null");
        requireNonNull(decoded, "decoded is null");
    }

    /** Decodes {@code raw} with {@code decoder}. */
    public static DecodedBinlog of(RawBinlog raw, BinlogDecoder decoder) {
        return new DecodedBinlog(raw, decoder.decode(raw));
    }

    /** Decodes each binlog once, in order. */
    public static List<DecodedBinlog> all(List<RawBinlog> raws, BinlogDecoder decoder) {
        DecodedBinlog[] out = new DecodedBinlog[raws.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(raws.get(i), decoder);
        }
        return List.of(out);
    }

    /** The FE journal id of the operation. */
    public long commitSeq() {
        return raw.commitSeq();
    }

    /** Ms epoch on the source FE, or -1. */
    public long timestamp() {
        return raw.timestamp();
    }

    /** The binlog's Thrift type (of the wrapper for a BARRIER-wrapped record; {@link BinlogType#UNKNOWN} for numbers this syncer does not know). */
    public BinlogType type() {
        return BinlogType.fromCode(raw.typeCode());
    }

    /** The source table ids the FE lists for the binlog. */
    public List<Long> tableIds() {
        return raw.tableIds();
    }

    /** The decoded record (the inner one of a BARRIER wrapper), or empty when decoding failed. */
    public Optional<BinlogRecord> record() {
        return decoded instanceof DecodeResult.Decoded d ? Optional.of(d.record()) : Optional.empty();
    }

    /** The decoded record; a payload that could not be decoded throws its error as a coded exception. */
    public BinlogRecord recordOrThrow() {
        if (decoded instanceof DecodeResult.Failed f) {
            throw f.error().toException();
        }
        return ((DecodeResult.Decoded) decoded).record();
    }

    /** What the binlog is, for messages: {@code UPSERT (commit seq 42)}, by the decoded record's type when there is one. */
    public String describe() {
        return record().map(BinlogRecord::type).orElse(type()) + " (commit seq " + commitSeq() + ")";
    }
}
