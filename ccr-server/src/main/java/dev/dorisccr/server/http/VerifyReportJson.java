package dev.dorisccr.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.verify.PartitionCheck;
import dev.dorisccr.core.verify.TableCheck;
import dev.dorisccr.core.verify.VerifyReport;

/**
 * A {@link VerifyReport} as the {@code verification} object of {@code /verify}: the outcome, then
 * every table with its differences and every partition with its row counts.
 *
 * <pre>{@code
 * {"job": "ccr_test", "outcome": "DIFFERS", "started_at": 1700000000000, "finished_at": 1700000000420,
 *  "tables": [{"source": "orders", "target": "orders", "outcome": "DIFFERS", "differences": [],
 *              "not_hashed": [], "partitions": [{"partition": "p1", "outcome": "DIFFERS",
 *              "source_rows": 2, "target_rows": 1, "detail": "2 row(s) on the source, 1 on the target"}]}]}
 * }</pre>
 */
final class VerifyReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VerifyReportJson() {}

    static ObjectNode node(VerifyReport r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("job", r.job());
        n.put("outcome", r.outcome().name());
        n.put("started_at", r.startedAtMs());
        n.put("finished_at", r.finishedAtMs());
        if (!r.detail().isEmpty()) {
            n.put("detail", r.detail());
        }
        ArrayNode tables = n.putArray("tables");
        for (TableCheck t : r.tables()) {
            ObjectNode tn = tables.addObject();
            tn.put("source", t.sourceTable());
            tn.put("target", t.targetTable());
            tn.put("outcome", t.outcome().name());
            if (!t.detail().isEmpty()) {
                tn.put("detail", t.detail());
            }
            ArrayNode d = tn.putArray("differences");
            t.differences().forEach(d::add);
            ArrayNode nh = tn.putArray("not_hashed");
            t.notHashed().forEach(nh::add);
            ArrayNode parts = tn.putArray("partitions");
            for (PartitionCheck p : t.partitions()) {
                ObjectNode pn = parts.addObject();
                pn.put("partition", p.partition());
                pn.put("outcome", p.outcome().name());
                pn.put("source_rows", p.sourceRows());
                pn.put("target_rows", p.targetRows());
                if (!p.detail().isEmpty()) {
                    pn.put("detail", p.detail());
                }
            }
        }
        return n;
    }
}
