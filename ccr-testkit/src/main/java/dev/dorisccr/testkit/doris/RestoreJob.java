package dev.dorisccr.testkit.doris;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A RESTORE job on the target FE. Guarded by the cluster lock. */
final class RestoreJob {
    final long id;
    final String label;
    final SimDatabase db;
    final long createMs;
    final List<SnapshotMeta.Table> tables;
    final JsonNode jobInfo;
    final Map<String, String> aliases;
    final Map<String, String> properties;
    final boolean cleanTables;
    final boolean cleanPartitions;
    final boolean atomic;
    final Map<Long, List<Rowset>> downloaded = new HashMap<>();
    String state = "PENDING";
    String status = "[OK]";
    long metaPreparedMs = -1;
    long snapshotFinishMs = -1;
    long downloadFinishMs = -1;
    long finishMs = -1;

    RestoreJob(long id, String label, SimDatabase db, long createMs, List<SnapshotMeta.Table> tables, JsonNode jobInfo,
            Map<String, String> aliases, Map<String, String> properties, boolean cleanTables, boolean cleanPartitions,
            boolean atomic) {
        this.id = id;
        this.label = label;
        this.db = db;
        this.createMs = createMs;
        this.tables = List.copyOf(tables);
        this.jobInfo = jobInfo;
        this.aliases = Map.copyOf(aliases);
        this.properties = Map.copyOf(properties);
        this.cleanTables = cleanTables;
        this.cleanPartitions = cleanPartitions;
        this.atomic = atomic;
    }

    boolean running() {
        return !state.equals("FINISHED") && !state.equals("CANCELLED");
    }

    String targetName(String sourceName) {
        return aliases.getOrDefault(sourceName, sourceName);
    }
}
