package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code SHOW PROC '/binlog'} from the journal, as Doris's FE answers it ({@code BinlogProcDir} ->
 * {@code BinlogManager.getBinlogInfo} -> {@code DBBinlog.getBinlogInfo} / {@code
 * TableBinlog.getBinlogInfo}): per database with binlog, one {@code db} row when the database's own
 * binlog is on, else one {@code table} row per table stream of it. {@code BinlogLength} counts the
 * stream's leading dummy too; {@code BinlogSize} is Doris's approximate size (80 + 8 per table id +
 * the payload length); the committed times are epoch ms (NULL when the stream holds no binlog with
 * a timestamp: a db row counts the binlogs with a timestamp above 0, a table row the ones other than
 * -1, its dummy included after a GC). A table row's {@code Dropped} is always {@code false} while
 * its database exists and the name of a table that is gone is {@code db.(not_olaptable)}, as the
 * FE's code has it. Doris lists the databases in hash-map order; here by id (readers must not
 * rely on the order). Guarded by the cluster lock.
 */
final class BinlogProc {
    static final List<String> COLUMNS = List.of("Name", "Type", "Id", "Dropped", "BinlogLength", "BinlogSize",
            "FirstBinlogCommittedTime", "ReadableFirstBinlogCommittedTime", "LastBinlogCommittedTime",
            "ReadableLastBinlogCommittedTime", "BinlogTtlSeconds", "BinlogMaxBytes", "BinlogMaxHistoryNums");

    private BinlogProc() {}

    static List<List<String>> rows(SimState s) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<Long, BinlogStream> e : new TreeMap<>(s.journal.dbStreams()).entrySet()) {
            long dbId = e.getKey();
            SimDatabase db = s.dbById(dbId).orElse(null);
            if (db != null && db.binlogEnabled()) {
                BinlogStream st = e.getValue();
                List<Long> times = st.entries.values().stream().map(SimBinlog::timestamp).filter(t -> t > 0).toList();
                rows.add(row(db.name, "db", dbId, "false", st, times, db.properties));
                continue;
            }
            for (Map.Entry<Long, BinlogStream> t : s.journal.tableStreams(dbId).entrySet()) {
                BinlogStream st = t.getValue();
                String name;
                String dropped;
                Map<String, String> config;
                if (db == null) {
                    name = "(dropped).(unknown)";
                    dropped = "true";
                    config = null;
                } else {
                    SimTable table = db.tableById(t.getKey()).orElse(null);
                    dropped = "false"; // TableBinlog sets it back to false for a table that is gone too
                    name = db.name + "." + (table == null || table.view ? "(not_olaptable)" : table.name);
                    config = table == null ? null : table.properties;
                }
                List<Long> times = new ArrayList<>();
                if (st.dummyTimestamp != -1) {
                    times.add(st.dummyTimestamp);
                }
                st.entries.values().stream().map(SimBinlog::timestamp).filter(x -> x != -1).forEach(times::add);
                rows.add(row(name, "table", t.getKey(), dropped, st, times, config));
            }
        }
        return rows;
    }

    private static List<String> row(String name, String type, long id, String dropped, BinlogStream st, List<Long> times,
            Map<String, String> config) {
        String first = times.isEmpty() ? null : Long.toString(times.get(0));
        String last = times.isEmpty() ? null : Long.toString(times.get(times.size() - 1));
        return Arrays.asList(name, type, Long.toString(id), dropped, Integer.toString(st.entries.size() + 1),
                Long.toString(st.approximateBytes()), first, first == null ? null : readable(times.get(0)), last,
                last == null ? null : readable(times.get(times.size() - 1)),
                config == null ? null : config.getOrDefault("binlog.ttl_seconds", "86400"),
                config == null ? null : config.getOrDefault("binlog.max_bytes", Long.toString(Long.MAX_VALUE)),
                config == null ? null : config.getOrDefault("binlog.max_history_nums", Long.toString(Long.MAX_VALUE)));
    }

    /** BinlogUtils.convertTimeToReadable: {@code yyyy-MM-dd HH:mm:ss} in the FE's time zone. */
    private static String readable(long ms) {
        return AlterShows.time(ms);
    }
}
