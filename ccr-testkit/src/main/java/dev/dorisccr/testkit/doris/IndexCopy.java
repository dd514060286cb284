package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the tablets of a new index from an existing one, replica by replica on the same backend
 * and in the same bucket order: a schema change's shadow index (the origin's tablets are dropped,
 * converted columns rewritten) or a rollup (the base keeps its tablets). Callers hold the lock.
 */
final class IndexCopy {
    private IndexCopy() {}

    /**
     * Moves an index's rows to new tablets under {@code to}'s id; {@code conversions} maps a
     * column unique id to its [old type, new type], whose stored values are converted.
     */
    static void move(SimState s, SimTable t, SimPartition p, SimIndex from, SimIndex to,
            Map<Integer, String[]> conversions) {
        copy(s, t, p, from, to, conversions, true);
    }

    /** Copies the base index's rows into the tablets of a new rollup index. */
    static void fill(SimState s, SimTable t, SimPartition p, SimIndex rollup) {
        copy(s, t, p, t.baseIndex(), rollup, Map.of(), false);
    }

    private static void copy(SimState s, SimTable t, SimPartition p, SimIndex from, SimIndex to,
            Map<Integer, String[]> conversions, boolean dropOrigin) {
        List<SimTablet> olds = dropOrigin ? p.tablets.remove(from.id()) : p.tablets.get(from.id());
        if (olds == null) {
            return;
        }
        List<SimTablet> news = new ArrayList<>();
        for (SimTablet old : olds) {
            long id = s.nextId();
            List<SimTablet.Replica> reps = new ArrayList<>();
            for (SimTablet.Replica r : old.replicas()) {
                SimBackend be = s.backend(r.backendId()).orElseThrow();
                TabletData src = be.tablet(old.id()).orElseThrow();
                TabletData dst = be.createTablet(id);
                src.visible.forEach((v, rs) -> dst.visible.put(v, convert(rs, conversions)));
                if (dropOrigin) {
                    be.dropTablet(old.id());
                }
                reps.add(new SimTablet.Replica(s.nextId(), be.id()));
            }
            if (dropOrigin) {
                s.tabletIndex.remove(old.id());
            }
            s.tabletIndex.put(id, new SimState.TabletLocation(dbOf(s, t), t.id, p.id, to.id()));
            news.add(new SimTablet(id, to.id(), reps));
        }
        p.tablets.put(to.id(), news);
    }

    private static long dbOf(SimState s, SimTable t) {
        for (SimDatabase d : s.databases.values()) {
            if (d.tableById(t.id).isPresent()) {
                return d.id;
            }
        }
        return -1;
    }

    private static Rowset convert(Rowset r, Map<Integer, String[]> conversions) {
        if (conversions.isEmpty() || r.rows().isEmpty()) {
            return r;
        }
        List<Map<Integer, String>> rows = new ArrayList<>();
        for (Map<Integer, String> row : r.rows()) {
            Map<Integer, String> out = new HashMap<>(row);
            conversions.forEach((uid, types) -> {
                if (out.get(uid) != null) {
                    SqlType to = SqlType.of(types[1]);
                    Object v = SqlValues.cast(SqlValues.parseStored(out.get(uid), SqlType.of(types[0])), to);
                    out.put(uid, SqlValues.format(v, to));
                }
            });
            rows.add(out);
        }
        return new Rowset(r.rowsetId(), r.version(), rows, r.deletes());
    }
}
