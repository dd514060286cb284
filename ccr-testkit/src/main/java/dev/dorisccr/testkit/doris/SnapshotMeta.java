package dev.dorisccr.testkit.doris;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.DistributionDesc;
import dev.dorisccr.testkit.schema.IndexDef;
import dev.dorisccr.testkit.schema.KeysType;
import dev.dorisccr.testkit.schema.PartitionBy;
import dev.dorisccr.testkit.schema.PartitionDef;
import dev.dorisccr.testkit.schema.PartitionValues;
import dev.dorisccr.testkit.schema.RollupDef;
import dev.dorisccr.testkit.schema.TableDef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backup {@code meta} bytes (Doris's BackupMeta is FE-internal and opaque to the syncer; the
 * simulator uses JSON): table shape, column unique ids, index names and per partition the
 * bounds, version and bucket count.
 */
final class SnapshotMeta {
    private SnapshotMeta() {}

    static ObjectNode table(SimTable t, List<SimPartition> parts) {
        ObjectNode n = Payloads.object();
        n.put("name", t.name);
        n.put("view", t.view);
        if (t.view) {
            n.put("query", t.viewQuery);
            n.put("comment", t.viewComment);
            t.viewColumnComments.forEach(n.putObject("columnComments")::put);
            return n;
        }
        n.put("keys", t.def.keysType().name());
        n.put("comment", t.def.comment());
        ArrayNode cols = n.putArray("columns");
        for (ColumnDef c : t.def.columns()) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name()).put("type", c.type()).put("nullable", c.nullable()).put("key", c.key())
                    .put("agg", c.aggregation()).put("defaultNull", c.defaultNull()).put("comment", c.comment())
                    .put("uid", t.columnIds.get(c.name()));
            c.defaultValue().ifPresent(v -> o.put("default", v));
        }
        t.def.keyColumns().forEach(n.putArray("keyColumns")::add);
        n.put("nextColumnId", t.nextColumnId);
        ObjectNode pb = n.putObject("partitionBy");
        pb.put("kind", t.def.partitionBy().kind().name()).put("auto", t.def.partitionBy().auto())
                .put("timeUnit", t.def.partitionBy().timeUnit());
        t.def.partitionBy().columns().forEach(pb.putArray("columns")::add);
        n.set("distribution", distribution(t.def.distribution()));
        ArrayNode rollups = n.putArray("rollups");
        t.indexes.stream().filter(i -> !i.base()).forEach(i -> {
            ObjectNode r = rollups.addObject().put("name", i.name());
            i.columns().forEach(r.putArray("columns")::add);
        });
        ArrayNode idx = n.putArray("indexes");
        for (IndexDef i : t.def.indexes()) {
            ObjectNode o = idx.addObject().put("name", i.name()).put("type", i.type()).put("comment", i.comment());
            i.columns().forEach(o.putArray("columns")::add);
            ObjectNode ip = o.putObject("properties");
            i.properties().forEach(ip::put);
        }
        ObjectNode props = n.putObject("properties");
        t.properties.forEach(props::put);
        ArrayNode ps = n.putArray("partitions");
        for (SimPartition p : parts) {
            ObjectNode o = ps.addObject().put("name", p.name).put("temp", p.temp).put("version", p.visibleVersion);
            o.set("values", values(p.values));
            o.set("distribution", distribution(p.distribution));
        }
        return n;
    }

    private static ObjectNode distribution(DistributionDesc d) {
        ObjectNode o = Payloads.object().put("kind", d.kind().name()).put("buckets", d.buckets()).put("auto", d.autoBucket());
        d.columns().forEach(o.putArray("columns")::add);
        return o;
    }

    private static ObjectNode values(PartitionValues v) {
        ObjectNode o = Payloads.object();
        if (v instanceof PartitionValues.Fixed f) {
            o.put("kind", "FIXED");
            f.lower().forEach(o.putArray("lower")::add);
            f.upper().forEach(o.putArray("upper")::add);
        } else if (v instanceof PartitionValues.In in) {
            o.put("kind", "IN");
            ArrayNode items = o.putArray("items");
            in.items().forEach(i -> {
                ArrayNode a = items.addArray();
                i.forEach(a::add);
            });
        } else if (v instanceof PartitionValues.LessThan lt) {
            o.put("kind", "LESS");
            lt.upper().forEach(o.putArray("upper")::add);
        } else {
            o.put("kind", "NONE");
        }
        return o;
    }

    /** A table read back from the meta. */
    record Table(String name, boolean view, String query, TableDef def, Map<String, Integer> columnIds, int nextColumnId,
            List<Part> partitions, String viewComment, Map<String, String> viewColumnComments) {}

    /** A partition read back from the meta. */
    record Part(String name, boolean temp, long version, PartitionValues values, DistributionDesc distribution) {}

    static Table parse(JsonNode n) {
        String name = n.path("name").asText();
        if (n.path("view").asBoolean()) {
            Map<String, String> comments = new LinkedHashMap<>();
            n.path("columnComments").fields().forEachRemaining(e -> comments.put(e.getKey(), e.getValue().asText()));
            return new Table(name, true, n.path("query").asText(), null, Map.of(), 0, List.of(),
                    n.path("comment").asText(""), comments);
        }
        List<ColumnDef> cols = new ArrayList<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (JsonNode c : n.path("columns")) {
            cols.add(new ColumnDef(c.path("name").asText(), c.path("type").asText(), c.path("nullable").asBoolean(),
                    c.path("key").asBoolean(), c.path("agg").asText(),
                    c.has("default") ? Optional.of(c.path("default").asText()) : Optional.empty(),
                    c.path("defaultNull").asBoolean(), c.path("comment").asText()));
            ids.put(c.path("name").asText(), c.path("uid").asInt());
        }
        List<Part> parts = new ArrayList<>();
        List<PartitionDef> defs = new ArrayList<>();
        for (JsonNode p : n.path("partitions")) {
            PartitionValues v = parseValues(p.path("values"));
            parts.add(new Part(p.path("name").asText(), p.path("temp").asBoolean(), p.path("version").asLong(), v,
                    parseDistribution(p.path("distribution"))));
            if (!(v instanceof PartitionValues.Unpartitioned)) {
                defs.add(new PartitionDef(p.path("name").asText(), v, p.path("temp").asBoolean(), Map.of()));
            }
        }
        PartitionBy.Kind kind = PartitionBy.Kind.valueOf(n.path("partitionBy").path("kind").asText());
        PartitionBy pb = kind == PartitionBy.Kind.NONE ? PartitionBy.none()
                : new PartitionBy(kind, strings(n.path("partitionBy").path("columns")), defs,
                        n.path("partitionBy").path("auto").asBoolean(), n.path("partitionBy").path("timeUnit").asText(""));
        List<RollupDef> rollups = new ArrayList<>();
        n.path("rollups").forEach(r -> rollups.add(new RollupDef(r.path("name").asText(), strings(r.path("columns")))));
        List<IndexDef> indexes = new ArrayList<>();
        n.path("indexes").forEach(i -> indexes.add(new IndexDef(i.path("name").asText(), strings(i.path("columns")),
                i.path("type").asText(), stringMap(i.path("properties")), i.path("comment").asText())));
        Map<String, String> props = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.path("properties").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            props.put(e.getKey(), e.getValue().asText());
        }
        TableDef def = new TableDef(name, cols, KeysType.valueOf(n.path("keys").asText()),
                strings(n.path("keyColumns")), n.path("comment").asText(), pb,
                parseDistribution(n.path("distribution")), rollups, indexes, props);
        return new Table(name, false, "", def, ids, n.path("nextColumnId").asInt(), parts, "", Map.of());
    }

    private static Map<String, String> stringMap(JsonNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static DistributionDesc parseDistribution(JsonNode d) {
        return new DistributionDesc(DistributionDesc.Kind.valueOf(d.path("kind").asText()), strings(d.path("columns")),
                d.path("buckets").asInt(), d.path("auto").asBoolean());
    }

    private static PartitionValues parseValues(JsonNode v) {
        return switch (v.path("kind").asText()) {
            case "FIXED" -> new PartitionValues.Fixed(strings(v.path("lower")), strings(v.path("upper")));
            case "IN" -> {
                List<List<String>> items = new ArrayList<>();
                v.path("items").forEach(i -> items.add(strings(i)));
                yield new PartitionValues.In(items);
            }
            case "LESS" -> new PartitionValues.LessThan(strings(v.path("upper")));
            default -> new PartitionValues.Unpartitioned();
        };
    }
}
