package dev.dorisccr.testkit.doris;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A database: tables and views by name, properties (binlog.*). Guarded by the cluster lock. */
final class SimDatabase {
    final long id;
    final String name;
    final Map<String, SimTable> tables = new LinkedHashMap<>();
    final Map<String, String> properties = new LinkedHashMap<>();
    /** Tables dropped without FORCE, by id, newest last: RECOVER TABLE brings them back. */
    final Map<Long, SimTable> recycleBin = new LinkedHashMap<>();

    SimDatabase(long id, String name) {
        this.id = id;
        this.name = name;
    }

    Optional<SimTable> table(String tableName) {
        return Optional.ofNullable(tables.get(tableName));
    }

    Optional<SimTable> tableById(long tableId) {
        return tables.values().stream().filter(t -> t.id == tableId).findFirst();
    }

    boolean binlogEnabled() {
        return "true".equalsIgnoreCase(properties.get("binlog.enable"));
    }
}
