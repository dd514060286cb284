package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The FE's binlog manager: one journal-wide commit seq, a stream per database and per table,
 * records kept until TTL / max history / max bytes expiry, dropped-object records for getMeta
 * (as Doris's DBBinlog keeps them: partitions dropped, truncated away or replaced, tables dropped
 * or replaced without swap, indexes dropped or replaced by a schema change; a recover takes its
 * partition or table off the list), and binlog locks. Guarded by the cluster lock.
 */
final class BinlogJournal {
    private final Map<Long, BinlogStream> dbStreams = new HashMap<>();
    private final Map<Long, BinlogStream> tableStreams = new HashMap<>();
    /** tableId -> dbId of every table stream, for SHOW PROC '/binlog'. */
    private final Map<Long, Long> tableDbs = new HashMap<>();
    /** dbId -> (object id -> commit seq of its drop). */
    private final Map<Long, Map<Long, Long>> droppedPartitions = new HashMap<>();
    private final Map<Long, Map<Long, Long>> droppedTables = new HashMap<>();
    private final Map<Long, Map<Long, Long>> droppedIndexes = new HashMap<>();

    /** What a read of a stream found. */
    sealed interface Read {
        record NoDb() implements Read {}

        record NoTable() implements Read {}

        record TooOld(SimBinlog dummy) implements Read {}

        record TooNew() implements Read {}

        record Batch(List<SimBinlog> binlogs) implements Read {}
    }

    void record(SimBinlog b, long nowMs) {
        dbStreams.computeIfAbsent(b.dbId(), id -> new BinlogStream(-1)).add(b, nowMs);
        if (b.type() == SimBinlog.CREATE_TABLE || b.type() == SimBinlog.DROP_TABLE) {
            return;
        }
        for (long t : b.tableIds()) {
            tableStreams.computeIfAbsent(t, id -> new BinlogStream(id)).add(b, nowMs);
            tableDbs.put(t, b.dbId());
        }
    }

    /** The database streams by db id (read-only view, under the cluster lock). */
    Map<Long, BinlogStream> dbStreams() {
        return java.util.Collections.unmodifiableMap(dbStreams);
    }

    /** The table streams of database {@code dbId} by table id. */
    Map<Long, BinlogStream> tableStreams(long dbId) {
        Map<Long, BinlogStream> out = new TreeMap<>();
        tableDbs.forEach((t, d) -> {
            if (d == dbId) {
                out.put(t, tableStreams.get(t));
            }
        });
        return out;
    }

    void droppedPartition(long dbId, long partitionId, long seq) {
        droppedPartitions.computeIfAbsent(dbId, k -> new TreeMap<>()).put(partitionId, seq);
    }

    void droppedTable(long dbId, long tableId, long seq) {
        droppedTables.computeIfAbsent(dbId, k -> new TreeMap<>()).put(tableId, seq);
    }

    void droppedIndex(long dbId, long indexId, long seq) {
        droppedIndexes.computeIfAbsent(dbId, k -> new TreeMap<>()).put(indexId, seq);
    }

    /** RECOVER PARTITION: Doris takes the partition off the dropped list (DBBinlog, RECOVER_INFO). */
    void recoveredPartition(long dbId, long partitionId) {
        Optional.ofNullable(droppedPartitions.get(dbId)).ifPresent(m -> m.remove(partitionId));
    }

    /** RECOVER TABLE: Doris takes the table off the dropped list (DBBinlog, RECOVER_INFO). */
    void recoveredTable(long dbId, long tableId) {
        Optional.ofNullable(droppedTables.get(dbId)).ifPresent(m -> m.remove(tableId));
    }

    Map<Long, Long> droppedPartitions(long dbId) {
        return Map.copyOf(droppedPartitions.getOrDefault(dbId, Map.of()));
    }

    Map<Long, Long> droppedTables(long dbId) {
        return Map.copyOf(droppedTables.getOrDefault(dbId, Map.of()));
    }

    Map<Long, Long> droppedIndexes(long dbId) {
        return Map.copyOf(droppedIndexes.getOrDefault(dbId, Map.of()));
    }

    Optional<BinlogStream> stream(long dbId, long tableId) {
        return Optional.ofNullable(tableId > 0 ? tableStreams.get(tableId) : dbStreams.get(dbId));
    }

    /** getBinlog's rule (facts 3.2). {@code max} is already clamped. */
    Read read(long dbId, long tableId, long prevCommitSeq, int max) {
        BinlogStream s = tableId > 0 ? tableStreams.get(tableId) : dbStreams.get(dbId);
        if (s == null) {
            if (tableId > 0 && dbStreams.containsKey(dbId)) {
                return new Read.NoTable();
            }
            return tableId > 0 ? new Read.NoTable() : new Read.NoDb();
        }
        if (s.dummySeq > prevCommitSeq) {
            return new Read.TooOld(s.dummy(dbId));
        }
        List<SimBinlog> out = new ArrayList<>();
        for (SimBinlog b : s.entries.tailMap(prevCommitSeq, false).values()) {
            if (out.size() >= max) {
                break;
            }
            out.add(b);
        }
        return out.isEmpty() ? new Read.TooNew() : new Read.Batch(out);
    }

    /** Locks {@code seq} (negative: the newest) for a job; answers the locked seq, or -1 when beyond the newest. */
    long lock(BinlogStream s, String jobId, long seq) {
        long newest = s.lastSeq();
        long want = seq < 0 ? newest : Math.max(seq, s.dummySeq);
        if (want > newest) {
            return -1;
        }
        long held = s.locks.getOrDefault(jobId, Long.MIN_VALUE);
        long result = Math.max(held, want);
        s.locks.put(jobId, result);
        return result;
    }

    /**
     * Expires binlogs: entries recorded before {@code nowMs - ttl}, and the oldest while the stream
     * holds more than max history / max bytes. Settings come from {@code settings} per stream.
     */
    void gc(long nowMs, java.util.function.Function<BinlogStream, GcSettings> settings) {
        List<BinlogStream> all = new ArrayList<>(dbStreams.values());
        all.addAll(tableStreams.values());
        for (BinlogStream s : all) {
            GcSettings g = settings.apply(s);
            long cut = Long.MIN_VALUE;
            for (Map.Entry<Long, Long> e : s.recordedAt.entrySet()) {
                if (e.getValue() + g.ttlMs() <= nowMs) {
                    cut = e.getKey();
                }
            }
            if (cut != Long.MIN_VALUE) {
                s.collectUpTo(cut);
            }
            while (s.entries.size() > g.maxHistory() || (s.approximateBytes() > g.maxBytes() && !s.entries.isEmpty())) {
                s.collectUpTo(s.entries.firstKey());
            }
        }
        dbStreams.forEach((dbId, s) -> {
            prune(droppedPartitions.get(dbId), s.dummySeq);
            prune(droppedTables.get(dbId), s.dummySeq);
            prune(droppedIndexes.get(dbId), s.dummySeq);
        });
    }

    /** Collects every binlog of every stream now (the test's "binlog expiry now"). */
    void expireAll() {
        List<BinlogStream> all = new ArrayList<>(dbStreams.values());
        all.addAll(tableStreams.values());
        for (BinlogStream s : all) {
            if (!s.entries.isEmpty()) {
                s.collectUpTo(s.entries.lastKey());
            }
        }
    }

    private static void prune(Map<Long, Long> dropped, long upTo) {
        if (dropped != null) {
            dropped.values().removeIf(v -> v <= upTo);
        }
    }

    /** One stream's binlogs (without the dummy), for inspection. */
    List<SimBinlog> dump(long dbId, long tableId) {
        BinlogStream s = tableId > 0 ? tableStreams.get(tableId) : dbStreams.get(dbId);
        return s == null ? List.of() : List.copyOf(s.entries.values());
    }

    /** The GC settings of one stream. */
    record GcSettings(long ttlMs, long maxHistory, long maxBytes) {}
}
