package dev.dorisccr.testkit.doris;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The simulator's file format for rowsets on the BE HTTP API (the stand-in for Doris's segment
 * files and RowsetMetaPB): JSON with the rowset id, version, rows keyed by column unique id and
 * delete conditions.
 */
final class RowsetCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowsetCodec() {}

    static ObjectNode encode(Rowset r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("rowset_id", r.rowsetId());
        n.put("version", r.version());
        ArrayNode rows = n.putArray("rows");
        for (Map<Integer, String> row : r.rows()) {
            ObjectNode o = rows.addObject();
            row.forEach((k, v) -> {
                if (v == null) {
                    o.putNull(Integer.toString(k));
                } else {
                    o.put(Integer.toString(k), v);
                }
            });
        }
        ArrayNode dels = n.putArray("deletes");
        r.deletes().forEach(d -> dels.addObject().put("column", d.columnId()).put("op", d.op()).put("value", d.value()));
        return n;
    }

    static byte[] encodeAll(List<Rowset> rowsets) {
        ArrayNode a = JSON.createArrayNode();
        rowsets.forEach(r -> a.add(encode(r)));
        try {
            return JSON.writeValueAsBytes(a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encodeOne(Rowset r) {
        try {
            return JSON.writeValueAsBytes(encode(r));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rowset decode(JsonNode n) {
        List<Map<Integer, String>> rows = new ArrayList<>();
        for (JsonNode o : n.path("rows")) {
            Map<Integer, String> row = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                row.put(Integer.parseInt(e.getKey()), e.getValue().isNull() ? null : e.getValue().asText());
            }
            rows.add(row);
        }
        List<Rowset.DeleteCondition> dels = new ArrayList<>();
        for (JsonNode d : n.path("deletes")) {
            dels.add(new Rowset.DeleteCondition(d.path("column").asInt(), d.path("op").asText(), d.path("value").asText()));
        }
        return new Rowset(n.path("rowset_id").asText(), n.path("version").asLong(), rows, dels);
    }

    static Rowset decodeOne(byte[] bytes) {
        try {
            return decode(JSON.readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Rowset> decodeAll(byte[] bytes) {
        try {
            List<Rowset> out = new ArrayList<>();
            for (JsonNode n : JSON.readTree(bytes)) {
                out.add(decode(n));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
