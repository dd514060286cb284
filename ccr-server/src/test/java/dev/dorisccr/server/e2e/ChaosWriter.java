package dev.dorisccr.server.e2e;

import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded writer on the source of the chaos suites: one table job's table and a db job's
 * database, changed by inserts of unique rows, updates (UNIQUE KEY tables), deletes, ADD
 * PARTITION (keys grow past the last range), ADD COLUMN and CREATE TABLE. Every value it writes is
 * unique, so a row the syncer applies twice shows as a duplicate. A change the source refuses (a
 * fault test stopped a backend) throws and leaves the writer's view of the source as it was. Not
 * thread-safe: one thread calls {@link #step}.
 */
final class ChaosWriter {
    static final String TABLE_DB = "chaos_tdb";
    static final String TABLE = "orders";
    static final String DB = "chaos_db";
    private static final int RANGE = 60;
    private static final int MAX_TABLES = 5;
    private static final int MAX_ADDED_COLUMNS = 2;

    private final FakeDorisCluster src;
    private final Random r;
    private final List<Table> tables = new ArrayList<>();
    private final TreeMap<String, Integer> counts = new TreeMap<>();
    private long value;
    private long ops;
    private int nextTable;

    /** One table the writer changes: its live keys, next key, partition upper bound, added columns. */
    private static final class Table {
        final String db;
        final String name;
        final boolean unique;
        final List<Integer> live = new ArrayList<>();
        int nextKey;
        int upper = RANGE;
        int addedColumns;

        Table(String db, String name, boolean unique) {
            this.db = db;
            this.name = name;
            this.unique = unique;
        }

        String qualified() {
            return db + "." + name;
        }
    }

    ChaosWriter(FakeDorisCluster src, Random r) {
        this.src = src;
        this.r = r;
    }

    /** Creates the databases and first tables on the source (with rows) and the empty target databases. */
    void setUp(FakeDorisCluster dst) {
        for (String db : List.of(TABLE_DB, DB)) {
            src.sql("CREATE DATABASE " + db + " PROPERTIES (\"binlog.enable\" = \"true\")");
            dst.sql("CREATE DATABASE " + db);
        }
        create(TABLE_DB, TABLE, true);
        create(DB, "c" + nextTable++, true);
        create(DB, "c" + nextTable++, false);
        for (Table t : tables) {
            insert(t, 20);
        }
        counts.clear();
        ops = 0;
    }

    private void create(String db, String name, boolean unique) {
        src.sql("CREATE TABLE " + db + "." + name + " (k INT NOT NULL, v VARCHAR(40)) "
                + (unique ? "UNIQUE KEY(k)" : "DUPLICATE KEY(k)") + " PARTITION BY RANGE(k) (PARTITION p" + RANGE
                + " VALUES LESS THAN (\"" + RANGE + "\")) DISTRIBUTED BY HASH(k) BUCKETS " + (1 + r.nextInt(3)));
        tables.add(new Table(db, name, unique));
    }

    /** The (database, table) pairs that exist on the source. */
    List<String[]> tables() {
        return tables.stream().map(t -> new String[] {t.db, t.name}).toList();
    }

    /** What the writer did so far, as {@code op=count} pairs. */
    String figures() {
        StringBuilder b = new StringBuilder("ops=" + ops);
        counts.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    private void count(String op) {
        counts.merge(op, 1, Integer::sum);
    }

    /** One seeded change on the source. */
    void step() {
        ops++;
        Table t = tables.get(r.nextInt(tables.size()));
        int op = r.nextInt(100);
        if (op < 55) {
            insert(t, 1 + r.nextInt(4));
        } else if (op < 75 && t.unique && !t.live.isEmpty()) {
            int k = t.live.get(r.nextInt(t.live.size()));
            src.sql("INSERT INTO " + t.qualified() + " (k, v) VALUES (" + k + ", 'u" + value++ + "')");
            count("updates");
        } else if (op < 88 && !t.live.isEmpty()) {
            int k = t.live.remove(r.nextInt(t.live.size()));
            src.sql("DELETE FROM " + t.qualified() + " WHERE k = " + k);
            count("deletes");
        } else if (op < 92 && t.addedColumns < MAX_ADDED_COLUMNS) {
            t.addedColumns++;
            src.sql("ALTER TABLE " + t.qualified() + " ADD COLUMN x" + t.addedColumns + " INT DEFAULT \"7\"");
            count("add_columns");
        } else if (op < 95 && tables.size() < MAX_TABLES) {
            create(DB, "c" + nextTable++, r.nextBoolean());
            count("create_tables");
        } else {
            insert(t, 1);
        }
    }

    private void insert(Table t, int n) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int k = t.nextKey++;
            if (k >= t.upper) {
                try {
                    src.sql("ALTER TABLE " + t.qualified() + " ADD PARTITION p" + (t.upper + RANGE)
                            + " VALUES LESS THAN (\"" + (t.upper + RANGE) + "\")");
                } catch (RuntimeException e) {
                    t.nextKey = k; // refused (a fault test's backend is down): the same keys next time
                    throw e;
                }
                t.upper += RANGE;
                count("add_partitions");
            }
            t.live.add(k);
            values.append(i == 0 ? "" : ", ").append('(').append(k).append(", 'w").append(value++).append("')");
        }
        try {
            src.sql("INSERT INTO " + t.qualified() + " (k, v) VALUES " + values);
        } catch (RuntimeException e) {
            t.live.subList(t.live.size() - n, t.live.size()).clear(); // refused: none of them exists
            throw e;
        }
        count("inserts");
        counts.merge("rows_inserted", n, Integer::sum);
    }
}
