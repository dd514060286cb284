package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.mysql.Column;
import dev.dorisccr.testkit.mysql.QueryResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code SHOW ALTER TABLE COLUMN | ROLLUP | MATERIALIZED VIEW [FROM db] [WHERE ...] [ORDER BY ...]
 * [LIMIT ...]} with Doris's columns (SchemaChangeProcDir / RollupProcDir): one row per shadow
 * index of a schema change, one per rollup or sync materialized view job. WHERE is a conjunction
 * of {@code TableName | IndexName | State | BaseIndexName | RollupIndexName = "..."} and
 * {@code CreateTime | FinishTime op "date"}, as ShowAlterStmt accepts.
 */
final class AlterShows {
    static final List<String> COLUMN_TITLES = List.of("JobId", "TableName", "CreateTime", "FinishTime", "IndexName",
            "IndexId", "OriginIndexId", "SchemaVersion", "TransactionId", "State", "Msg", "Progress", "Timeout");
    static final List<String> ROLLUP_TITLES = List.of("JobId", "TableName", "CreateTime", "FinishTime", "BaseIndexName",
            "RollupIndexName", "RollupId", "TransactionId", "State", "Msg", "Progress", "Timeout");
    private static final List<String> STRING_KEYS = List.of("tablename", "state", "indexname", "baseindexname",
            "rollupindexname");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private record Filter(String column, String op, String value) {}

    private AlterShows() {}

    /** After {@code SHOW ALTER TABLE}. */
    static QueryResult show(ClusterCore core, SqlCursor c, String currentDb) {
        AlterJob.Type type;
        if (c.acceptWord("COLUMN")) {
            type = AlterJob.Type.SCHEMA_CHANGE;
        } else if (c.acceptWord("ROLLUP") || c.acceptWord("MATERIALIZED", "VIEW")) {
            type = AlterJob.Type.ROLLUP;
        } else {
            throw c.syntax("expected COLUMN, ROLLUP or MATERIALIZED VIEW");
        }
        String dbName = c.acceptWord("FROM") || c.acceptWord("IN") ? c.name() : currentDb;
        List<Filter> filters = new ArrayList<>();
        if (c.acceptWord("WHERE")) {
            do {
                filters.add(filter(c));
            } while (c.acceptWord("AND"));
        }
        List<String> titles = type == AlterJob.Type.SCHEMA_CHANGE ? COLUMN_TITLES : ROLLUP_TITLES;
        List<int[]> order = new ArrayList<>();
        if (c.acceptWord("ORDER", "BY")) {
            do {
                String col = c.name();
                int i = indexOf(COLUMN_TITLES, col); // Doris resolves ORDER BY against the schema change titles
                if (i < 0) {
                    throw SimException.analysis("Title name[" + col + "] does not exist");
                }
                boolean desc = c.acceptWord("DESC");
                if (!desc) {
                    c.acceptWord("ASC");
                }
                order.add(new int[] {i, desc ? 1 : 0});
            } while (c.acceptPunct(','));
        }
        long limit = -1;
        long offset = 0;
        if (c.acceptWord("LIMIT")) {
            limit = c.number();
            if (c.acceptPunct(',')) {
                offset = limit;
                limit = c.number();
            } else if (c.acceptWord("OFFSET")) {
                offset = c.number();
            }
        }
        c.expectEnd();
        if (dbName.isEmpty()) {
            throw new SimException("ANALYSIS_ERROR", 1046, "No database selected");
        }
        long lim = limit;
        long off = offset;
        return core.locked(() -> {
            SimDatabase db = core.s.db(dbName);
            List<List<String>> rows = new ArrayList<>();
            for (AlterJob j : core.alterJobs.jobs) {
                if (j.db == db && j.type == type) {
                    rows.addAll(type == AlterJob.Type.SCHEMA_CHANGE ? columnRows(j) : List.of(rollupRow(j)));
                }
            }
            rows.removeIf(r -> !filters.stream().allMatch(f -> matches(f, r, titles)));
            for (int k = order.size() - 1; k >= 0; k--) {
                int col = order.get(k)[0];
                Comparator<List<String>> cmp = (a, b) -> compare(a.get(col), b.get(col));
                rows.sort(order.get(k)[1] == 1 ? cmp.reversed() : cmp);
            }
            List<List<String>> out = rows;
            if (lim >= 0) {
                out = rows.subList((int) Math.min(off, rows.size()), (int) Math.min(off + lim, rows.size()));
            }
            List<Column> cols = new ArrayList<>();
            titles.forEach(t -> cols.add(Column.varchar(t)));
            return new QueryResult.ResultSet(cols, new ArrayList<>(out));
        });
    }

    private static Filter filter(SqlCursor c) {
        String col = c.name().toLowerCase(Locale.ROOT);
        String op;
        if (c.acceptPunct('=')) {
            op = "=";
        } else if (c.acceptPunct('!')) {
            c.punct('=');
            op = "!=";
        } else if (c.acceptPunct('<')) {
            op = c.acceptPunct('=') ? "<=" : c.acceptPunct('>') ? "!=" : "<";
        } else if (c.acceptPunct('>')) {
            op = c.acceptPunct('=') ? ">=" : ">";
        } else {
            throw SimException.analysis("The operator =|>=|<=|>|<|!= are supported.");
        }
        String value = c.literal();
        if (STRING_KEYS.contains(col)) {
            if (!op.equals("=")) {
                throw SimException.analysis("Where clause : TableName = \"table1\" or "
                        + "State = \"FINISHED|CANCELLED|RUNNING|PENDING|WAITING_TXN\"");
            }
        } else if (!col.equals("createtime") && !col.equals("finishtime")) {
            throw SimException.analysis("The columns of TableName/IndexName/CreateTime/FinishTime/State/BaseIndexName/"
                    + "RollupIndexName are supported.");
        }
        return new Filter(col, op, value == null ? "" : value);
    }

    private static boolean matches(Filter f, List<String> row, List<String> titles) {
        int i = indexOf(titles, f.column());
        if (i < 0) {
            return true; // a column this kind of job does not have filters nothing, as in Doris
        }
        String v = row.get(i);
        if (f.op().equals("=") && !f.column().endsWith("time")) {
            return v.equals(f.value());
        }
        if (v.equals("NULL")) {
            return false;
        }
        String bound = f.value().length() == 10 ? f.value() + " 00:00:00" : f.value();
        int cmp = v.compareTo(bound);
        return switch (f.op()) {
            case "=" -> cmp == 0;
            case "!=" -> cmp != 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    private static int compare(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static int indexOf(List<String> titles, String name) {
        for (int i = 0; i < titles.size(); i++) {
            if (titles.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    static String time(long ms) {
        return ms <= 0 ? "NULL" : TIME.format(Instant.ofEpochMilli(ms));
    }

    private static String progress(AlterJob j) {
        if (!j.state.equals("RUNNING")) {
            return "NULL";
        }
        int tablets = 0;
        for (SimPartition p : j.table.allPartitions()) {
            tablets += p.tablets.getOrDefault(j.table.baseIndex().id(), List.of()).size();
        }
        return "0/" + tablets * Math.max(1, j.type == AlterJob.Type.SCHEMA_CHANGE ? j.shadows.size() : 1);
    }

    private static List<List<String>> columnRows(AlterJob j) {
        List<List<String>> rows = new ArrayList<>();
        for (AlterJob.Shadow s : j.shadows) {
            rows.add(List.of(Long.toString(j.id), j.table.name, time(j.createMs), time(j.finishMs), s.indexName(),
                    Long.toString(s.shadowId()), Long.toString(s.originId()),
                    s.schemaVersion() + ":" + Math.floorMod((int) (s.shadowId() * 2654435761L), 1_000_000_000),
                    Long.toString(j.watershedTxnId), j.state, j.msg, progress(j), Long.toString(j.timeoutSeconds)));
        }
        return rows;
    }

    private static List<String> rollupRow(AlterJob j) {
        return List.of(Long.toString(j.id), j.table.name, time(j.createMs), time(j.finishMs), j.table.baseIndex().name(),
                j.rollup.name(), Long.toString(j.rollup.id()), Long.toString(j.watershedTxnId), j.state, j.msg,
                progress(j), Long.toString(j.timeoutSeconds));
    }
}
