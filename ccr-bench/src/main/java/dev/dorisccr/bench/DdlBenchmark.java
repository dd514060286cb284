package dev.dorisccr.bench;

import dev.dorisccr.core.binlog.AddPartitionRecord;
import dev.dorisccr.core.binlog.BinlogDecoder;
import dev.dorisccr.core.binlog.BinlogRecord;
import dev.dorisccr.core.binlog.BinlogType;
import dev.dorisccr.core.binlog.CreateTableRecord;
import dev.dorisccr.core.binlog.DecodeResult;
import dev.dorisccr.core.binlog.DistributionInfo;
import dev.dorisccr.core.binlog.ModifyTableAddOrDropColumnsRecord;
import dev.dorisccr.core.binlog.RenameColumnRecord;
import dev.dorisccr.core.binlog.RenameTableRecord;
import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import dev.dorisccr.core.ddl.render.ReplayStatements;
import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.ddl.render.Statements;
import dev.dorisccr.core.ddl.rewrite.CreateTableRewriter;
import dev.dorisccr.core.ddl.rewrite.RewriteOptions;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.SimBinlog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DDL replay's CPU work per binlog (issue 17): {@code replay} = decode the payload, then the
 * rewrite and rendering the replay does for that record type before it sends the statement (the
 * target name of the table, the raw ALTER text re-aimed at it, CREATE TABLE rewritten for the target
 * database with {@code is_being_synced} and without placement properties, ADD PARTITION with the
 * source's distribution, RENAME statements); {@code decode} = the decode alone, the baseline of the
 * same run. The payloads are the simulator's own binlogs of real statements ({@code ALTER TABLE ...
 * ADD COLUMN}, {@code DROP COLUMN}, {@code CREATE TABLE}, {@code ADD PARTITION}, {@code RENAME},
 * {@code RENAME COLUMN}), in Doris's JSON, made once per JVM. No statement is sent: what the target FE
 * then spends on it is not the syncer's CPU. Run with {@code scripts/bench.sh ddl} (docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DdlBenchmark {
    /** The DDL kinds, each with the statement that makes its binlog on the simulator. */
    @Param({"ADD_COLUMN", "DROP_COLUMN", "CREATE_TABLE", "ADD_PARTITION", "RENAME_TABLE", "RENAME_COLUMN"})
    public String kind;

    private static final QualifiedName TARGET = QualifiedName.of("bench_copy", "t");
    private static final RewriteOptions CREATE_OPTIONS = RewriteOptions.defaults()
            .withTargetDatabase(Identifier.of("bench_copy")).withSourceDatabase(Identifier.of("bench"));

    private final BinlogDecoder decoder = new BinlogDecoder();
    private BinlogType type;
    private String payload;

    /** The payloads by kind: [type code, JSON]. */
    private static Map<String, Object[]> payloads;

    @Setup
    public void setUp() {
        Object[] p = payloads().get(kind);
        if (p == null) {
            throw new IllegalStateException("no payload for " + kind);
        }
        type = BinlogType.fromCode((Integer) p[0]);
        payload = (String) p[1];
        Object check = replay(); // fails here, not in the measurement, when the payload does not decode
        if (check == null) {
            throw new IllegalStateException(kind + " replays to nothing");
        }
    }

    /** The decode alone: the baseline. */
    @Benchmark
    public DecodeResult decode() {
        return decoder.decode(type, payload);
    }

    /** Decode, then the rewrite and rendering the replay does for the record. */
    @Benchmark
    public Object replay() {
        DecodeResult r = decoder.decode(type, payload);
        if (!(r instanceof DecodeResult.Decoded d)) {
            throw new IllegalStateException(kind + " did not decode: " + r);
        }
        BinlogRecord record = d.record();
        if (record instanceof ModifyTableAddOrDropColumnsRecord m) {
            return ReplayStatements.alterTableRaw(TARGET, m.rawSql());
        } else if (record instanceof CreateTableRecord c) {
            return CreateTableRewriter.rewrite(c.sql(), CREATE_OPTIONS);
        } else if (record instanceof AddPartitionRecord a) {
            DistributionInfo di = a.partition().distributionInfo().orElse(null);
            return ReplayStatements.addPartition(TARGET, a.sql(), di == null ? "HASH" : di.kind(),
                    di == null ? List.of() : di.distributionColumns(), di == null ? 0 : di.bucketNum());
        } else if (record instanceof RenameTableRecord rt) {
            return Statements.renameTable(QualifiedName.of("bench_copy", rt.oldTableName()),
                    Identifier.of(rt.newTableName()));
        } else if (record instanceof RenameColumnRecord rc) {
            Sql s = Statements.renameColumn(TARGET, Identifier.of(rc.colName()), Identifier.of(rc.newColName()));
            return s;
        }
        throw new IllegalStateException(kind + " decoded to " + record.type());
    }

    private static synchronized Map<String, Object[]> payloads() {
        if (payloads == null) {
            payloads = make();
        }
        return payloads;
    }

    /** Runs the statements on a simulated cluster and takes each one's binlog. */
    private static Map<String, Object[]> make() {
        Map<String, Object[]> out = new LinkedHashMap<>();
        try (FakeDorisCluster c = FakeDorisCluster.builder().name("ddl-bench").backends(1).build().start()) {
            c.sql("CREATE DATABASE bench PROPERTIES (\"binlog.enable\" = \"true\")");
            c.sql("CREATE TABLE bench.t (k INT NOT NULL, v BIGINT, s VARCHAR(32)) DUPLICATE KEY(k)"
                    + " PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN (\"100\"),"
                    + " PARTITION p1 VALUES LESS THAN (\"200\")) DISTRIBUTED BY HASH(k) BUCKETS 8"
                    + " PROPERTIES (\"replication_num\" = \"1\", \"binlog.enable\" = \"true\","
                    + " \"colocate_with\" = \"g1\", \"storage_policy\" = \"cold\")");
            take(c, out, "CREATE_TABLE", SimBinlog.CREATE_TABLE);
            c.sql("ALTER TABLE bench.t ADD COLUMN c INT DEFAULT \"0\" COMMENT \"a new column\"");
            take(c, out, "ADD_COLUMN", SimBinlog.MODIFY_TABLE_ADD_OR_DROP_COLUMNS);
            c.sql("ALTER TABLE bench.t DROP COLUMN c");
            take(c, out, "DROP_COLUMN", SimBinlog.MODIFY_TABLE_ADD_OR_DROP_COLUMNS);
            c.sql("ALTER TABLE bench.t ADD PARTITION p2 VALUES LESS THAN (\"300\") DISTRIBUTED BY HASH(k) BUCKETS 8");
            take(c, out, "ADD_PARTITION", SimBinlog.ADD_PARTITION);
            c.sql("ALTER TABLE bench.t RENAME COLUMN s s2");
            take(c, out, "RENAME_COLUMN", SimBinlog.RENAME_COLUMN);
            c.sql("ALTER TABLE bench.t RENAME t2");
            take(c, out, "RENAME_TABLE", SimBinlog.RENAME_TABLE);
        }
        return out;
    }

    private static void take(FakeDorisCluster c, Map<String, Object[]> out, String kind, int type) {
        List<SimBinlog> all = c.binlogs("bench");
        SimBinlog last = all.get(all.size() - 1);
        if (last.type() != type) {
            throw new IllegalStateException(kind + ": the simulator's last binlog is of type " + last.type()
                    + ", not " + type + ": " + last.data());
        }
        out.put(kind, new Object[] {type, last.data()});
    }
}
