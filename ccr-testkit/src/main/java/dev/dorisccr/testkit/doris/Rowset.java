package dev.dorisccr.testkit.doris;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data one load wrote into one tablet at one version: rows keyed by column unique id (so a
 * rename keeps the data and an added column reads its default), and delete conditions (a DELETE
 * statement is a rowset of conditions only, as in Doris).
 *
 * @param rowsetId unique id of this rowset on its backend
 * @param version the partition version this rowset became visible at (0 while pending)
 * @param rows the rows; a cell may be null (SQL NULL)
 * @param deletes conditions that delete earlier rows of the tablet
 */
public record Rowset(String rowsetId, long version, List<Map<Integer, String>> rows, List<DeleteCondition> deletes) {
    public Rowset {
        requireNonNull(rowsetId, "rowsetId is null");
        requireNonNull(rows, "rows is null");
        List<Map<Integer, String>> copy = new ArrayList<>(rows.size());
        rows.forEach(r -> copy.add(Collections.unmodifiableMap(new HashMap<>(r))));
        rows = Collections.unmodifiableList(copy);
        deletes = List.copyOf(requireNonNull(deletes, "deletes is null"));
    }

    public Rowset atVersion(long v) {
        return new Rowset(rowsetId, v, rows, deletes);
    }

    /** A condition {@code column op value} of a DELETE (column by unique id). */
    public record DeleteCondition(int columnId, String op, String value) {
        public DeleteCondition {
            requireNonNull(op, "op is null");
            if (!List.of("=", "!=", "<", "<=", ">", ">=").contains(op)) {
                throw new IllegalArgumentException("unsupported delete operator: " + op);
            }
        }
    }
}
