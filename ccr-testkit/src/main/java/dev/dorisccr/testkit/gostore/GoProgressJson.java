package dev.dorisccr.testkit.gostore;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Go syncer progress JSON ({@code progresses.progress}, inventory 3.3), in the Go struct's shape:
 * {@code sync_state} and {@code sub_sync_state {state, binlog_type}} as numbers, string-keyed maps
 * (null when empty), {@code data} a string, {@code partial_sync_data} only when set.
 */
public final class GoProgressJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Go SyncState numbers. */
    public static final int DB_FULL_SYNC = 0;
    public static final int DB_TABLES_INCREMENTAL_SYNC = 1;
    public static final int DB_INCREMENTAL_SYNC = 3;
    public static final int DB_PARTIAL_SYNC = 4;
    public static final int TABLE_FULL_SYNC = 500;
    public static final int TABLE_INCREMENTAL_SYNC = 501;
    public static final int TABLE_PARTIAL_SYNC = 502;

    /** Go SubSyncState pairs {state, binlog_type}. */
    public static final int[] DONE = {-1, -1};
    public static final int[] BEGIN_CREATE_SNAPSHOT = {0, -1};
    public static final int[] GET_SNAPSHOT_INFO = {1, -1};
    public static final int[] RESTORE_SNAPSHOT = {3, -1};
    public static final int[] BEGIN_TRANSACTION = {11, 0};
    public static final int[] INGEST_BINLOG = {12, 0};
    public static final int[] COMMIT_TRANSACTION = {13, 0};
    public static final int[] ROLLBACK_TRANSACTION = {14, 0};

    private final String jobName;
    private final int syncState;
    private int[] sub = DONE;
    private long prevCommitSeq;
    private long commitSeq;
    private final Map<Long, Long> tableMapping = new TreeMap<>();
    private final Map<Long, Long> tableCommitSeqMap = new TreeMap<>();
    private String data = "";
    private String partialTable;
    private long partialTableId;
    private List<String> partialPartitions = List.of();
    private final Map<String, String> tableAliases = new TreeMap<>();

    private GoProgressJson(String jobName, int syncState) {
        this.jobName = requireNonNull(jobName, "jobName is null");
        this.syncState = syncState;
    }

    /** Idle in {@code syncState} at {@code seq} (prev_commit_seq = commit_seq). */
    public static GoProgressJson idle(String jobName, int syncState, long seq) {
        GoProgressJson p = new GoProgressJson(jobName, syncState);
        p.prevCommitSeq = seq;
        p.commitSeq = seq;
        return p;
    }

    /** {@code sub_sync_state}, {@code commit_seq} in flight and the step's {@code data}. */
    public GoProgressJson inFlight(int[] subState, long seq, String stepData) {
        sub = subState.clone();
        commitSeq = seq;
        data = requireNonNull(stepData, "stepData is null");
        return this;
    }

    /** Go's upsert checkpoint data ({@code inMemoryData}) holding {@code txn_id}. */
    public static String upsertData(long srcCommitSeq, long txnId, List<long[]> commitInfos) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("src_commit_seq", srcCommitSeq);
        n.put("txn_id", txnId);
        n.putArray("dest_table_ids");
        n.putArray("table_records");
        var infos = n.putArray("commit_infos");
        commitInfos.forEach(i -> infos.addObject().put("tabletId", i[0]).put("backendId", i[1]));
        return n.toString();
    }

    public GoProgressJson tableMapping(long srcTableId, long destTableId) {
        tableMapping.put(srcTableId, destTableId);
        return this;
    }

    public GoProgressJson tableCommitSeq(long srcTableId, long seq) {
        tableCommitSeqMap.put(srcTableId, seq);
        return this;
    }

    /** {@code partial_sync_data} as the Oct-2024 syncer fills it (table and partitions; table_id when &gt; 0). */
    public GoProgressJson partial(String table, long tableId, List<String> partitions) {
        partialTable = requireNonNull(table, "table is null");
        partialTableId = tableId;
        partialPartitions = List.copyOf(partitions);
        return this;
    }

    public GoProgressJson tableAlias(String table, String alias) {
        tableAliases.put(table, alias);
        return this;
    }

    public String toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("job_name", jobName);
        n.put("sync_state", syncState);
        n.putObject("sub_sync_state").put("state", sub[0]).put("binlog_type", sub[1]);
        n.put("prev_commit_seq", prevCommitSeq);
        n.put("commit_seq", commitSeq);
        putMap(n, "table_mapping", tableMapping);
        putMap(n, "table_commit_seq_map", tableCommitSeqMap);
        n.put("data", data);
        if (partialTable != null) {
            ObjectNode pd = n.putObject("partial_sync_data");
            if (partialTableId > 0) {
                pd.put("table_id", partialTableId);
            }
            pd.put("table", partialTable);
            var parts = pd.putArray("partitions");
            partialPartitions.forEach(parts::add);
        }
        if (!tableAliases.isEmpty()) {
            ObjectNode a = n.putObject("table_aliases");
            tableAliases.forEach(a::put);
        }
        n.put("created_at", 1_700_000_000L);
        n.put("incremental_sync_start_at", 1_700_000_100L);
        return n.toString();
    }

    private static void putMap(ObjectNode n, String key, Map<Long, Long> m) {
        if (m.isEmpty()) {
            n.putNull(key);
            return;
        }
        ObjectNode o = n.putObject(key);
        m.forEach((k, v) -> o.put(Long.toString(k), v));
    }
}
