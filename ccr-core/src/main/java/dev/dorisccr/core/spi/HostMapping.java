package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * The Go syncer's {@code host_mapping}: addresses that Doris reports (in SHOW FRONTENDS/BACKENDS,
 * NOT_MASTER redirects, backend metadata) mapped to the addresses the syncer must dial. Hosts
 * without an entry are used as reported.
 */
public record HostMapping(Map<String, String> mapping) {
    public HostMapping {
        mapping = Map.copyOf(requireNonNull(mapping, "mapping is null"));
    }

    public static HostMapping none() {
        return new HostMapping(Map.of());
    }

    /** The address to dial for a host Doris reported. */
    public String map(String reportedHost) {
        requireNonNull(reportedHost, "reportedHost is null");
        return mapping.getOrDefault(reportedHost, reportedHost);
    }

    /** A copy with {@code updates} applied; an empty value removes the entry. */
    public HostMapping with(Map<String, String> updates) {
        Map<String, String> m = new TreeMap<>(mapping);
        updates.forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                m.remove(k);
            } else {
                m.put(k, v);
            }
        });
        return new HostMapping(m);
    }
}
