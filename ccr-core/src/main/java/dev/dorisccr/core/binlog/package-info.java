/**
 * Binlog types, one record per binlog payload, and the decoder from Doris's Gson JSON.
 *
 * <pre>{@code
 * BinlogDecoder decoder = new BinlogDecoder();
 * DecodeResult result = decoder.decode(rawBinlog);          // never throws for bad input
 * if (result instanceof DecodeResult.Decoded decoded) {
 *     decoded.record().accept(handler);                       // a BinlogRecordVisitor
 *     boolean was2xBarrier = decoded.wasWrapped();
 * } else {
 *     DecodeError error = ((DecodeResult.Failed) result).error();
 *     throw error.toException();                              // or skip it, visibly
 * }
 * String json = BinlogDecoder.toCanonicalJson(record);        // sorted, stable
 * }</pre>
 *
 * <p>Key policy: the ids that route a record (db, table, partition, job ids; the commit sequence
 * where the payload has one) are required, and so are the new names of RENAME_ROLLUP and
 * RENAME_PARTITION, the column names of RENAME_COLUMN and the view SQL of MODIFY_VIEW_DEF; every
 * other key is optional with the default documented on the
 * record (mostly "", -1, false or empty), because older Doris versions omit them. Unknown keys
 * are ignored. Where Doris 2.1+/3.x renamed keys (Partition {@code di}, Index {@code i/in/c/...})
 * both names are read.
 */
package dev.dorisccr.core.binlog;
