package dev.dorisccr.testkit.doris;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.testkit.mysql.Column;
import dev.dorisccr.testkit.mysql.QueryResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code SHOW BACKUP [FROM db] [WHERE SnapshotName = | LIKE '...']} and {@code SHOW RESTORE [FROM db]
 * [WHERE Label = | LIKE '...']} with the columns of Doris's ShowBackupStmt / ShowRestoreStmt (the same
 * in 2.1 and 3.0), times as {@code TimeUtils.longToTimeString} prints them ({@code NULL} when unset),
 * statuses as backup {@code Status.toString} ({@code [OK]}, {@code [COMMON_ERROR, msg: ...]}),
 * BackupObjs as the TableRef texts and RestoreObjs as the pretty Gson of BackupJobInfo's brief
 * form. A poll moves running jobs on; a restore's DOWNLOAD pulls the snapshot files over HTTP.
 */
final class SnapshotShows {
    static final List<String> BACKUP_TITLES = List.of("JobId", "SnapshotName", "DbName", "State", "BackupObjs",
            "CreateTime", "SnapshotFinishedTime", "UploadFinishedTime", "FinishedTime", "UnfinishedTasks", "Progress",
            "TaskErrMsg", "Status", "Timeout");
    static final List<String> RESTORE_TITLES = List.of("JobId", "Label", "Timestamp", "DbName", "State", "AllowLoad",
            "ReplicationNum", "ReplicaAllocation", "ReserveReplica", "ReserveDynamicPartitionEnable", "RestoreObjs",
            "CreateTime", "MetaPreparedTime", "SnapshotFinishedTime", "DownloadFinishedTime", "FinishedTime",
            "UnfinishedTasks", "Progress", "TaskErrMsg", "Status", "Timeout");
    private static final DateTimeFormatter BACKUP_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ClusterCore core;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    SnapshotShows(ClusterCore core) {
        this.core = core;
    }

    /** After {@code SHOW BACKUP} / {@code SHOW [BRIEF] RESTORE}. */
    QueryResult show(SqlCursor c, String currentDb, boolean backup, boolean brief) {
        String db = c.acceptWord("FROM") || c.acceptWord("IN") ? c.name() : currentDb;
        Predicate<String> label = labelPredicate(c, backup ? "SnapshotName" : "Label");
        if (db.isEmpty()) {
            throw new SimException("ANALYSIS_ERROR", 1046, "No database selected");
        }
        if (backup) {
            return core.locked(() -> backups(db, label));
        }
        QueryResult.ResultSet full = restores(db, label);
        return brief ? brief(full) : full;
    }

    /** ShowRestoreStmt's BRIEF_TITLE_NAMES: the full columns without RestoreObjs, Progress and TaskErrMsg. */
    private static QueryResult brief(QueryResult.ResultSet full) {
        List<Integer> keep = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < RESTORE_TITLES.size(); i++) {
            if (!Set.of("RestoreObjs", "Progress", "TaskErrMsg").contains(RESTORE_TITLES.get(i))) {
                keep.add(i);
                titles.add(RESTORE_TITLES.get(i));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : full.rows()) {
            List<String> row = new ArrayList<>();
            keep.forEach(i -> row.add(r.get(i)));
            rows.add(row);
        }
        return table(titles, rows);
    }

    /** ShowBackupStmt / ShowRestoreStmt's WHERE: {@code col = "x"} or {@code col LIKE "pattern"}, nothing else. */
    private static Predicate<String> labelPredicate(SqlCursor c, String column) {
        if (!c.acceptWord("WHERE")) {
            c.expectEnd();
            return l -> true;
        }
        String refused = column.equals("Label")
                ? "Where clause should like: LABEL = \"your_label_name\",  or LABEL LIKE \"matcher\""
                : "Where clause should like: SnapshotName = \"your_snapshot_name\",  or SnapshotName LIKE \"matcher\"";
        String col = c.atEnd() ? "" : c.name();
        boolean eq = c.acceptPunct('=');
        boolean like = !eq && c.acceptWord("LIKE");
        if (!col.equalsIgnoreCase(column) || (!eq && !like) || c.atEnd()
                || c.peek().kind() != dev.dorisccr.core.ddl.lex.TokenKind.STRING) {
            throw SimException.analysis(refused);
        }
        String v = c.string();
        c.expectEnd();
        if (v.isEmpty()) {
            throw SimException.analysis(refused);
        }
        if (eq) {
            return v::equals;
        }
        java.util.regex.Pattern p = SqlEval.like(v);
        return l -> p.matcher(l).matches();
    }

    private static QueryResult.ResultSet table(List<String> columns, List<List<String>> rows) {
        List<Column> cols = new ArrayList<>();
        columns.forEach(c -> cols.add(Column.varchar(c)));
        return new QueryResult.ResultSet(cols, rows);
    }

    private QueryResult backups(String dbName, Predicate<String> label) {
        SimDatabase db = core.s.db(dbName);
        core.backups.advance(db);
        List<List<String>> rows = new ArrayList<>();
        for (BackupJob j : core.backups.jobs) {
            if (j.db == db && label.test(j.label)) {
                rows.add(List.of(Long.toString(j.id), j.label, db.name, j.state, j.objects, AlterShows.time(j.createMs),
                        AlterShows.time(j.snapshotFinishMs), "NULL", AlterShows.time(j.finishMs), "", "", "", j.status,
                        "86400"));
            }
        }
        return table(BACKUP_TITLES, rows);
    }

    private QueryResult.ResultSet restores(String dbName, Predicate<String> label) {
        List<RestoreJob> jobs = core.locked(() -> {
            SimDatabase db = core.s.db(dbName);
            List<RestoreJob> out = new ArrayList<>();
            for (RestoreJob j : core.restores.jobs) {
                if (j.db == db && label.test(j.label)) {
                    out.add(j);
                }
            }
            return out;
        });
        for (RestoreJob j : jobs) {
            List<Restores.Download> downloads = core.locked(() -> core.restores.advance(j));
            if (!downloads.isEmpty()) {
                Map<Long, List<Rowset>> files = new HashMap<>();
                String error = null;
                for (Restores.Download d : downloads) {
                    try {
                        files.put(d.srcTablet(), fetch(d));
                    } catch (IOException e) {
                        error = e.getMessage();
                        break;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        error = "interrupted";
                        break;
                    }
                }
                String err = error;
                core.run(() -> core.restores.downloaded(j, files, err));
            }
        }
        return core.locked(() -> {
            List<List<String>> rows = new ArrayList<>();
            for (RestoreJob j : jobs) {
                String replicas = j.properties.getOrDefault("replication_num", "3");
                rows.add(List.of(Long.toString(j.id), j.label, backupTimestamp(j), j.db.name, j.state,
                        j.properties.getOrDefault("allow_load", "false"), replicas,
                        "\"replication_allocation\" = \"tag.location.default: " + replicas + "\"",
                        j.properties.getOrDefault("reserve_replica", "false"),
                        j.properties.getOrDefault("reserve_dynamic_partition_enable", "false"), restoreObjs(j),
                        AlterShows.time(j.createMs), AlterShows.time(j.metaPreparedMs),
                        AlterShows.time(j.snapshotFinishMs), AlterShows.time(j.downloadFinishMs),
                        AlterShows.time(j.finishMs), "", "", "", j.status,
                        j.properties.getOrDefault("timeout", "86400")));
            }
            return table(RESTORE_TITLES, rows);
        });
    }

    /** The {@code backup_timestamp} the restore names, else the snapshot's backup time in the same format. */
    private static String backupTimestamp(RestoreJob j) {
        String ts = j.properties.get("backup_timestamp");
        if (ts != null) {
            return ts;
        }
        long ms = j.jobInfo.path("backup_time").asLong(0);
        return ms <= 0 ? "NULL" : BACKUP_TS.format(Instant.ofEpochMilli(ms));
    }

    /**
     * BackupJobInfo.getBrief of the restored objects: name, database, backup_time, content, the
     * OLAP tables with their partition names, the views ({@code id}, {@code name}), and the (empty)
     * ODBC lists, under the snapshot's names (not the aliases).
     */
    static String restoreObjs(RestoreJob j) {
        Set<String> restored = new HashSet<>();
        j.tables.forEach(t -> restored.add(t.name()));
        JsonNode info = j.jobInfo;
        ObjectNode brief = Payloads.object();
        brief.put("name", info.path("name").asText(""));
        brief.put("database", info.path("database").asText(""));
        brief.put("backup_time", info.path("backup_time").asLong(0));
        brief.put("content", info.path("content").asText("ALL"));
        ArrayNode tables = brief.putArray("olap_table_list");
        info.path("backup_objects").fields().forEachRemaining(e -> {
            if (restored.contains(e.getKey())) {
                ObjectNode t = tables.addObject();
                t.put("name", e.getKey());
                ArrayNode parts = t.putArray("partition_names");
                e.getValue().path("partitions").fieldNames().forEachRemaining(parts::add);
            }
        });
        ArrayNode views = brief.putArray("view_list");
        for (JsonNode v : info.path("new_backup_objects").path("views")) {
            if (restored.contains(v.path("name").asText())) {
                views.addObject().put("id", v.path("id").asLong()).put("name", v.path("name").asText());
            }
        }
        brief.putArray("odbc_table_list");
        brief.putArray("odbc_resource_list");
        return GsonText.pretty(brief);
    }

    private List<Rowset> fetch(Restores.Download d) throws IOException, InterruptedException {
        String url = "http://" + d.host() + ":" + d.port() + "/api/_tablet/_download?token="
                + URLEncoder.encode(d.token(), StandardCharsets.UTF_8) + "&file="
                + URLEncoder.encode(d.path(), StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " from " + d.host() + ":" + d.port() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return RowsetCodec.decodeAll(r.body());
    }
}
