package dev.dorisccr.testkit.doris;

import java.util.List;

/** A materialized index of a table: the base index (all columns) or a rollup. */
record SimIndex(long id, String name, List<String> columns, boolean base) {
    SimIndex {
        columns = List.copyOf(columns);
    }

    SimIndex withColumns(List<String> cols) {
        return new SimIndex(id, name, cols, base);
    }

    SimIndex withName(String n) {
        return new SimIndex(id, n, columns, base);
    }
}
