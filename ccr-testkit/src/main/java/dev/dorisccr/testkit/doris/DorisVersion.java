package dev.dorisccr.testkit.doris;

/**
 * Which Doris line the simulator imitates where the lines differ (facts section 11).
 * <ul>
 *   <li>{@code V2_1}: one binlog per getBinlog, types 14-23 wrapped in BARRIER, DDL binlog
 *       timestamps -1, Doris 2.x JSON key spellings ({@code distributionInfo}).</li>
 *   <li>{@code V3_0}: {@code num_acquired} batches (clamped to 1..255), types emitted directly,
 *       wall-clock timestamps, short keys ({@code di}).</li>
 * </ul>
 */
public enum DorisVersion {
    V2_1,
    V3_0;

    /** {@code @@version} and {@code version()}: Doris answers MySQL 5.7.99 on every line. */
    static final String MYSQL_SERVER_VERSION = "5.7.99";

    boolean wrapsInBarrier() {
        return this == V2_1;
    }

    boolean batches() {
        return this == V3_0;
    }

    boolean oldKeys() {
        return this == V2_1;
    }

    String versionText() {
        return this == V2_1 ? "doris-2.1.8-sim" : "doris-3.0.4-sim";
    }

    /** {@code @@version_comment}: Doris's "Doris version " + build version + "-" + short hash. */
    String versionComment() {
        return "Doris version " + versionText() + "-testkit";
    }
}
