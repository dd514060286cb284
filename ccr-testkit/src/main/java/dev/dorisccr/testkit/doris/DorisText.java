package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.DistributionDesc;
import dev.dorisccr.testkit.schema.IndexDef;
import dev.dorisccr.testkit.schema.PartitionBy;
import dev.dorisccr.testkit.schema.PartitionDef;
import dev.dorisccr.testkit.schema.PartitionValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders catalog objects as Doris prints them: SHOW CREATE TABLE (also the CREATE_TABLE binlog's
 * {@code sql}, rendered "for sync" with an explicit bucket count) and the ADD_PARTITION binlog's
 * {@code sql} (facts 6.2). Names are always backquoted.
 */
final class DorisText implements CatalogOps.SchemaText {
    static final DorisText INSTANCE = new DorisText();

    static String q(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static String str(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String createTable(SimTable t) {
        return show(t, true);
    }

    /** SHOW CREATE TABLE text of an OLAP table. */
    static String show(SimTable t, boolean forSync) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(q(t.name)).append(" (\n");
        List<String> parts = new ArrayList<>();
        for (ColumnDef c : t.def.columns()) {
            parts.add("  " + column(c));
        }
        for (IndexDef i : t.def.indexes()) {
            parts.add("  " + index(i));
        }
        sb.append(String.join(",\n", parts)).append("\n) ENGINE=OLAP\n");
        if (!t.def.keyColumns().isEmpty()) {
            sb.append(t.def.keysType().sql()).append('(').append(names(t.def.keyColumns())).append(")\n");
        }
        sb.append("COMMENT '").append(t.def.comment().replace("'", "\\'")).append("'\n");
        PartitionBy pb = t.def.partitionBy();
        if (pb.kind() != PartitionBy.Kind.NONE) {
            if (pb.auto()) {
                sb.append("AUTO PARTITION BY ").append(pb.kind().name()).append(" (").append(AutoPartitions.expr(pb))
                        .append(")\n(");
            } else {
                sb.append("PARTITION BY ").append(pb.kind().name()).append('(').append(names(pb.columns()))
                        .append(")\n(");
            }
            List<String> ps = new ArrayList<>();
            for (SimPartition p : sorted(t)) {
                // RangePartitionInfo / ListPartitionInfo.toSql: names without backquotes, sorted by bounds
                ps.add("PARTITION " + p.name + " VALUES " + values(p.values));
            }
            sb.append(String.join(",\n", ps)).append(")\n");
        }
        sb.append(distribution(t.def.distribution(), forSync)).append('\n');
        if (forSync && t.indexes.size() > 1) {
            // Env.getDdlStmt prints the rollups only in the text for sync: bare names, one per line
            List<String> rs = new ArrayList<>();
            for (SimIndex i : t.indexes.subList(1, t.indexes.size())) {
                rs.add(i.name() + " (" + String.join(", ", i.columns()) + ")");
            }
            sb.append("ROLLUP (\n").append(String.join(",\n", rs)).append("\n)\n");
        }
        sb.append("PROPERTIES (\n");
        List<String> props = new ArrayList<>();
        for (Map.Entry<String, String> e : TableProperties.ordered(t, forSync).entrySet()) {
            props.add(str(e.getKey()) + " = " + str(e.getValue()));
        }
        sb.append(String.join(",\n", props)).append("\n);");
        return sb.toString();
    }

    /**
     * An index as Doris's {@code Index.toSql} prints it: the name bare, columns backquoted and joined
     * by commas, {@code PROPERTIES("k" = "v", ...)} when it has any, the comment only when not blank.
     */
    static String index(IndexDef i) {
        List<String> cols = new ArrayList<>();
        i.columns().forEach(x -> cols.add(q(x)));
        StringBuilder sb = new StringBuilder("INDEX ").append(i.name()).append(" (").append(String.join(",", cols))
                .append(") USING ").append(i.type());
        if (!i.properties().isEmpty()) {
            List<String> ps = new ArrayList<>();
            i.properties().forEach((k, v) -> ps.add(str(k) + " = " + str(v)));
            sb.append(" PROPERTIES(").append(String.join(", ", ps)).append(')');
        }
        if (!i.comment().isBlank()) {
            sb.append(" COMMENT '").append(i.comment().replace("'", "\\'")).append('\'');
        }
        return sb.toString();
    }

    private static List<SimPartition> sorted(SimTable t) {
        List<SimPartition> out = new ArrayList<>(t.partitions.values());
        out.sort((a, b) -> {
            List<String> ka = a.values instanceof PartitionValues.Fixed f ? f.lower()
                    : a.values instanceof PartitionValues.In in ? in.items().get(0) : List.of();
            List<String> kb = b.values instanceof PartitionValues.Fixed f ? f.lower()
                    : b.values instanceof PartitionValues.In in ? in.items().get(0) : List.of();
            return Rows.compareKeys(t, ka, kb);
        });
        return out;
    }

    static String column(ColumnDef c) {
        StringBuilder sb = new StringBuilder(q(c.name())).append(' ').append(c.type());
        if (!c.aggregation().isEmpty()) {
            sb.append(' ').append(c.aggregation());
        }
        sb.append(c.nullable() ? " NULL" : " NOT NULL");
        if (c.defaultNull()) {
            sb.append(" DEFAULT NULL");
        } else if (c.defaultValue().isPresent()) {
            String d = c.defaultValue().get();
            sb.append(" DEFAULT ").append(d.equalsIgnoreCase("CURRENT_TIMESTAMP") ? d : str(d));
        }
        sb.append(" COMMENT ").append(str(c.comment()));
        return sb.toString();
    }

    static String names(List<String> names) {
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(q(n)));
        return String.join(", ", out);
    }

    static String distribution(DistributionDesc d, boolean forSync) {
        String by = d.kind() == DistributionDesc.Kind.HASH ? "HASH(" + names(d.columns()) + ")" : "RANDOM";
        return "DISTRIBUTED BY " + by + " BUCKETS " + (d.autoBucket() && !forSync ? "AUTO" : Integer.toString(d.buckets()));
    }

    static String values(PartitionValues v) {
        if (v instanceof PartitionValues.Fixed f) {
            return "[" + tuple(f.lower()) + ", " + tuple(f.upper()) + ")";
        }
        if (v instanceof PartitionValues.LessThan lt) {
            return "LESS THAN " + (lt.upper().equals(List.of("MAXVALUE")) ? "MAXVALUE" : tuple(lt.upper()));
        }
        if (v instanceof PartitionValues.In in) {
            List<String> items = new ArrayList<>();
            for (List<String> item : in.items()) {
                items.add(item.size() == 1 ? str(item.get(0)) : tuple(item));
            }
            return "IN (" + String.join(",", items) + ")";
        }
        return "";
    }

    static String tuple(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add("MAXVALUE".equals(v) ? "MAXVALUE" : str(v));
        }
        return "(" + String.join(", ", out) + ")";
    }

    @Override
    public String addPartitionSql(SimTable table, PartitionDef p, long version) {
        String head = "ADD " + (p.temporary() ? "TEMPORARY " : "") + "PARTITION " + q(p.name()) + " ";
        if (p.values() instanceof PartitionValues.Unpartitioned) {
            return head + "(\"version_info\" = \"" + version + "\");";
        }
        return head + "VALUES " + values(p.values()) + " (\"version_info\" = \"" + version + "\");";
    }
}
