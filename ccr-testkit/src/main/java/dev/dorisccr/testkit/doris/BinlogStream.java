package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One ordered binlog stream (a database's or a table's) with its leading dummy. The dummy's seq is
 * -1 for a new stream and the last collected seq after GC. Guarded by the cluster lock.
 */
final class BinlogStream {
    final long belong;
    long dummySeq = -1;
    long dummyTimestamp = -1;
    final TreeMap<Long, SimBinlog> entries = new TreeMap<>();
    /** When each entry was recorded on the simulator's clock (ms), for TTL expiry. */
    final Map<Long, Long> recordedAt = new TreeMap<>();
    final Map<String, Long> locks = new TreeMap<>();

    BinlogStream(long belong) {
        this.belong = belong;
    }

    void add(SimBinlog b, long nowMs) {
        entries.put(b.commitSeq(), b);
        recordedAt.put(b.commitSeq(), nowMs);
    }

    SimBinlog dummy(long dbId) {
        return new SimBinlog(dummySeq, dummyTimestamp, SimBinlog.DUMMY, dbId, belong < 0 ? List.of() : List.of(belong), "",
                belong);
    }

    /** Removes every entry at or below {@code seq}; the dummy moves there. */
    void collectUpTo(long seq) {
        List<Long> gone = new ArrayList<>(entries.headMap(seq, true).keySet());
        for (long s : gone) {
            SimBinlog b = entries.remove(s);
            recordedAt.remove(s);
            dummySeq = Math.max(dummySeq, s);
            dummyTimestamp = b.timestamp();
        }
        locks.values().removeIf(v -> v <= dummySeq);
    }

    long approximateBytes() {
        long n = 0;
        for (SimBinlog b : entries.values()) {
            n += 80 + 8L * b.tableIds().size() + b.data().length();
        }
        return n;
    }

    long lastSeq() {
        return entries.isEmpty() ? dummySeq : entries.lastKey();
    }
}
