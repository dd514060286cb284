package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One replica's data on a backend: visible rowsets by version and rowsets pending in txns.
 * Guarded by the cluster lock.
 */
final class TabletData {
    final long tabletId;
    final TreeMap<Long, Rowset> visible = new TreeMap<>();
    final Map<Long, Rowset> pending = new HashMap<>();

    TabletData(long tabletId) {
        this.tabletId = tabletId;
    }

    Optional<Rowset> atVersion(long version) {
        return Optional.ofNullable(visible.get(version));
    }

    long maxVersion() {
        return visible.isEmpty() ? 0 : visible.lastKey();
    }

    List<Rowset> upTo(long version) {
        return new ArrayList<>(visible.headMap(version, true).values());
    }

    void clear() {
        visible.clear();
        pending.clear();
    }
}
