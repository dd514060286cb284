package dev.dorisccr.testkit.schema;

/** The table's data model, with Doris's names for it. */
public enum KeysType {
    DUP_KEYS("DUPLICATE KEY"),
    UNIQUE_KEYS("UNIQUE KEY"),
    AGG_KEYS("AGGREGATE KEY");

    private final String sql;

    KeysType(String sql) {
        this.sql = sql;
    }

    /** The clause keyword as in CREATE TABLE: {@code DUPLICATE KEY}. */
    public String sql() {
        return sql;
    }
}
