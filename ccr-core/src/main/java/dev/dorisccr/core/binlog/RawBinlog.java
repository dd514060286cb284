package dev.dorisccr.core.binlog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One binlog as the FE returns it in {@code TGetBinlogResult.binlogs} (Doris {@code TBinlog}),
 * before its {@code data} JSON is decoded. Unset Thrift fields are carried as the given defaults:
 * {@code typeCode = -1} when the type is unset, {@code data = null} when absent (DUMMY), {@code
 * belong = -1}.
 *
 * @param commitSeq the FE journal id of the operation (TBinlog field 1)
 * @param timestamp ms epoch, or -1 (field 2)
 * @param typeCode the raw {@code TBinlogType} number (field 3); unknown numbers are kept as-is
 * @param dbId field 4
 * @param tableIds field 5; empty when unset
 * @param data the JSON payload (field 6); null when unset
 * @param belong DUMMY only: -1 for the db dummy, else the table id (field 7)
 */
public record RawBinlog(
        long commitSeq, long timestamp, int typeCode, long dbId, List<Long> tableIds, String data, long belong) {
    public RawBinlog {
        tableIds = List.copyOf(requireNonNull(tableIds, "tableIds is null"));
    }
}
