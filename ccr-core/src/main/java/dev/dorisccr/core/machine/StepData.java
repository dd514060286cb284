package dev.dorisccr.core.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.spi.TabletCommit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checkpoint payload of a step ({@code progress.data}): what a restarted job needs to finish
 * the step it was in. Unset fields are absent from the JSON.
 */
public record StepData(String snapshot, String restoreLabel, long snapshotCommitSeq, Map<Long, Long> tableCommitSeqs,
        String label, long txnId, List<TabletCommit> commits) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final StepData EMPTY = new StepData("", "", -1, Map.of(), "", -1, List.of());
    /**
     * The payload written last and its JSON: the machine's next step reads back what its previous
     * one wrote (an upsert's begin, ingest and commit each parse and write it once), so the parse
     * of that text is answered without reading it again. Shared by all jobs; a miss only parses.
     */
    private static volatile Written last;

    private record Written(String json, StepData data) {}

    public StepData {
        tableCommitSeqs = Map.copyOf(tableCommitSeqs);
        commits = List.copyOf(commits);
    }

    StepData withSnapshot(String s) {
        return new StepData(s, restoreLabel, snapshotCommitSeq, tableCommitSeqs, label, txnId, commits);
    }

    StepData withRestore(String r, long seq, Map<Long, Long> seqs) {
        return new StepData(snapshot, r, seq, seqs, label, txnId, commits);
    }

    public StepData withTxn(String l, long id) {
        return new StepData(snapshot, restoreLabel, snapshotCommitSeq, tableCommitSeqs, l, id, commits);
    }

    StepData withCommits(List<TabletCommit> c) {
        return new StepData(snapshot, restoreLabel, snapshotCommitSeq, tableCommitSeqs, label, txnId, c);
    }

    public String toJson() {
        if (equals(EMPTY)) {
            return "";
        }
        ObjectNode n = MAPPER.createObjectNode();
        if (!snapshot.isEmpty()) {
            n.put("snapshot", snapshot);
        }
        if (!restoreLabel.isEmpty()) {
            n.put("restore_label", restoreLabel);
        }
        if (snapshotCommitSeq >= 0) {
            n.put("snapshot_commit_seq", snapshotCommitSeq);
        }
        if (!tableCommitSeqs.isEmpty()) {
            ObjectNode m = n.putObject("table_commit_seqs");
            new TreeMap<>(tableCommitSeqs).forEach((k, v) -> m.put(Long.toString(k), v));
        }
        if (!label.isEmpty()) {
            n.put("label", label);
        }
        if (txnId >= 0) {
            n.put("txn_id", txnId);
        }
        if (!commits.isEmpty()) {
            ArrayNode a = n.putArray("commits");
            commits.forEach(c -> a.addObject().put("tablet_id", c.tabletId()).put("backend_id", c.backendId()));
        }
        String json = n.toString();
        if (snapshotCommitSeq >= -1 && txnId >= -1) { // below -1 is not written: parse would give -1
            last = new Written(json, this);
        }
        return json;
    }

    public static StepData parse(String json) {
        if (json.isEmpty()) {
            return EMPTY;
        }
        Written w = last;
        if (w != null && w.json().equals(json)) {
            return w.data();
        }
        try {
            return parseObject(json);
        } catch (NumberFormatException e) {
            throw new dev.dorisccr.core.error.CcrException(ErrorCode.CORRUPT_METADATA,
                    "stored step data has a non-numeric table id", e);
        }
    }

    private static StepData parseObject(String json) {
        JsonNode n = JobSpecJson.readObject(json, ErrorCode.CORRUPT_METADATA);
        Map<Long, Long> seqs = new TreeMap<>();
        JsonNode m = n.path("table_commit_seqs");
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            seqs.put(Long.parseLong(e.getKey()), e.getValue().asLong());
        }
        List<TabletCommit> commits = new ArrayList<>();
        for (JsonNode c : n.path("commits")) {
            commits.add(new TabletCommit(c.path("tablet_id").asLong(), c.path("backend_id").asLong()));
        }
        return new StepData(n.path("snapshot").asText(""), n.path("restore_label").asText(""),
                n.path("snapshot_commit_seq").asLong(-1), seqs, n.path("label").asText(""),
                n.path("txn_id").asLong(-1), commits);
    }
}
