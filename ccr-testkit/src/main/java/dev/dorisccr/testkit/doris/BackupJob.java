package dev.dorisccr.testkit.doris;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A BACKUP SNAPSHOT job kept on the source FE (local snapshots only). Guarded by the cluster lock. */
final class BackupJob {
    static final List<String> STATES = List.of("PENDING", "SNAPSHOTING", "UPLOAD_INFO", "FINISHED");

    final long id;
    final String label;
    final SimDatabase db;
    final long createMs;
    final long commitSeq;
    final ArrayNode meta;
    final ObjectNode jobInfo;
    /** SHOW BACKUP's BackupObjs: Doris's TableRef texts, {@code [db.t]} or {@code [db.tPARTITIONS (p1, p2)]}. */
    final String objects;
    int step;
    long snapshotFinishMs = -1;
    long finishMs = -1;
    long expireMs;
    String state = "PENDING";
    String status = "[OK]";

    BackupJob(long id, String label, SimDatabase db, long createMs, long commitSeq, ArrayNode meta, ObjectNode jobInfo,
            String objects) {
        this.id = id;
        this.label = label;
        this.db = db;
        this.createMs = createMs;
        this.commitSeq = commitSeq;
        this.meta = meta;
        this.jobInfo = jobInfo;
        this.objects = objects;
    }

    boolean running() {
        return !state.equals("FINISHED") && !state.equals("CANCELLED");
    }
}
