package dev.dorisccr.core.service;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.ddl.render.VerifyStatements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.core.verify.PartitionCheck;
import dev.dorisccr.core.verify.TableCheck;
import dev.dorisccr.core.verify.VerifyOutcome;
import dev.dorisccr.core.verify.VerifyReport;
import dev.dorisccr.core.verify.VerifyRequest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a job's target with its source without stopping replication: schema, partition list,
 * indexes and {@code is_being_synced} of every table, then the row count and checksum of every
 * partition ({@link VerifyStatements#partitionChecksum}) computed by each cluster.
 *
 * <p>Replication goes on meanwhile, so a partition is compared only at an aligned point. One
 * attempt reads the source partition versions (A), the source checksums, the versions again (B),
 * the source's last binlog commit seq (L, read after A so that every load visible at A has a seq
 * up to L), then the target checksums once the job has applied up to L, and the source versions a
 * third time (C). A partition whose versions A, B and C are equal did not change on the source
 * from A to C; the target has applied every load visible at A (seq up to L) and cannot hold one
 * that the source made after C, so the two checksums describe the same rows. Partitions that moved,
 * or a target still behind L, are looked at again in the next attempt; after the last one they are
 * reported NOT_ALIGNED, never guessed. Nothing is written on either cluster.
 *
 * <pre>{@code
 * Verifier v = new Verifier(source, target, () -> lastSourceSeq, () -> new Verifier.Applied(seq, false),
 *         attempt -> {}, clock);
 * VerifyReport r = v.verify(spec, VerifyRequest.all());
 * }</pre>
 */
public final class Verifier {
    private static final Logger log = LoggerFactory.getLogger(Verifier.class);
    private static final List<String> NOT_HASHABLE = List.of("bitmap", "hll", "quantile_state", "agg_state");

    /**
     * Where the job stands when the check looks.
     *
     * @param commitSeq the last source binlog whose effect is on the target
     * @param copying whether a full or partial copy is running (the target is not comparable then)
     */
    public record Applied(long commitSeq, boolean copying) {}

    /** Waits between attempts (for instance a second or two, or a nudge of the job to fetch now). */
    @FunctionalInterface
    public interface Pause {
        /** Called before attempt {@code attempt} (2 and up). */
        void before(int attempt);
    }

    private final SqlClient source;
    private final SqlClient target;
    private final LongSupplier sourceLastSeq;
    private final Supplier<Applied> applied;
    private final Pause pause;
    private final InstantSource clock;

    /**
     * @param sourceLastSeq the source's last binlog commit seq for the job's scope (-1 when none)
     * @param applied the job's position, read afresh on each call
     */
    public Verifier(SqlClient source, SqlClient target, LongSupplier sourceLastSeq, Supplier<Applied> applied, Pause pause,
            InstantSource clock) {
        this.source = requireNonNull(source, "source is null");
        this.target = requireNonNull(target, "target is null");
        this.sourceLastSeq = requireNonNull(sourceLastSeq, "sourceLastSeq is null");
        this.applied = requireNonNull(applied, "applied is null");
        this.pause = requireNonNull(pause, "pause is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Checks the tables of {@code spec} that {@code request} names (every table when it names none). */
    public VerifyReport verify(JobSpec spec, VerifyRequest request) {
        long started = clock.millis();
        Identifier sdb = Identifier.of(spec.source().database());
        Identifier tdb = Identifier.of(spec.target().database());
        List<TableCheck> tables = new ArrayList<>();
        Map<String, String> pairs = new LinkedHashMap<>();
        try {
            if (spec.source().isTable()) {
                pairs.put(spec.source().table(), spec.target().table());
            } else {
                Map<String, String> srcTables = tables(source, sdb);
                Map<String, String> dstTables = tables(target, tdb);
                for (Map.Entry<String, String> e : srcTables.entrySet()) {
                    String kind = dstTables.get(e.getKey());
                    if (kind == null) {
                        tables.add(differs(e.getKey(), "missing on the target"));
                    } else if (!kind.equals(e.getValue())) {
                        tables.add(differs(e.getKey(), "a " + e.getValue() + " on the source, a " + kind + " on the target"));
                    } else if (e.getValue().equals("BASE TABLE")) {
                        pairs.put(e.getKey(), e.getKey());
                    }
                }
                dstTables.keySet().stream().filter(t -> !srcTables.containsKey(t))
                        .forEach(t -> tables.add(differs(t, "only on the target")));
            }
        } catch (CcrException e) {
            return new VerifyReport(spec.name(), started, clock.millis(), VerifyOutcome.FAILED, List.of(),
                    "listing tables failed: " + e.getMessage());
        }
        if (!request.tables().isEmpty()) {
            tables.removeIf(t -> !request.tables().contains(t.sourceTable()));
            pairs.keySet().retainAll(request.tables());
            for (String t : request.tables()) {
                if (!pairs.containsKey(t) && tables.stream().noneMatch(x -> x.sourceTable().equals(t))) {
                    tables.add(differs(t, "not a table of this job on the source"));
                }
            }
        }
        for (Map.Entry<String, String> p : pairs.entrySet()) {
            tables.add(table(QualifiedName.of(sdb.name(), p.getKey()), QualifiedName.of(tdb.name(), p.getValue()),
                    request.attempts()));
        }
        VerifyOutcome outcome = VerifyOutcome.combine(tables.stream().map(TableCheck::outcome).toList());
        VerifyReport r = new VerifyReport(spec.name(), started, clock.millis(), outcome, tables, "");
        log.info("job {}: verification {}: {} table(s), {}", spec.name(), outcome, tables.size(),
                r.summary().findings().isEmpty() ? "no difference" : String.join("; ", r.summary().findings()));
        return r;
    }

    private static TableCheck differs(String table, String why) {
        return new TableCheck(table, table, VerifyOutcome.DIFFERS, List.of(why), List.of(), List.of(), "");
    }

    /** Name to kind (BASE TABLE or VIEW). */
    private static Map<String, String> tables(SqlClient sql, Identifier db) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, String> row : sql.query(VerifyStatements.showFullTables(db))) {
            String name = null;
            for (Map.Entry<String, String> e : row.entrySet()) {
                if (e.getKey().startsWith("Tables_in_")) {
                    name = e.getValue();
                }
            }
            if (name != null) {
                out.put(name, row.getOrDefault("Table_type", "BASE TABLE"));
            }
        }
        return out;
    }

    private TableCheck table(QualifiedName src, QualifiedName dst, int attempts) {
        String name = src.name().name();
        String targetName = dst.name().name();
        List<String> differences = new ArrayList<>();
        List<Identifier> hashed = new ArrayList<>();
        List<String> notHashed = new ArrayList<>();
        try {
            List<String> sc = columns(source, src, hashed, notHashed);
            List<String> tc = columns(target, dst, new ArrayList<>(), new ArrayList<>());
            if (!sc.equals(tc)) {
                differences.add("columns differ: source " + sc + ", target " + tc);
            }
            Set<String> si = indexes(source, src);
            Set<String> ti = indexes(target, dst);
            if (!si.equals(ti)) {
                differences.add("indexes differ: source " + si + ", target " + ti);
            }
            Map<String, String> sp = partitions(source, src, "Range");
            Map<String, String> tp = partitions(target, dst, "Range");
            for (Map.Entry<String, String> e : sp.entrySet()) {
                if (!tp.containsKey(e.getKey())) {
                    differences.add("partition " + e.getKey() + " missing on the target");
                } else if (!Objects.equals(tp.get(e.getKey()), e.getValue())) {
                    differences.add("partition " + e.getKey() + " range differs: source " + e.getValue() + ", target "
                            + tp.get(e.getKey()));
                }
            }
            tp.keySet().stream().filter(p -> !sp.containsKey(p))
                    .forEach(p -> differences.add("partition " + p + " only on the target"));
            String ddl = target.query(ClusterStatements.showCreateTable(dst)).stream().findFirst()
                    .map(r -> r.getOrDefault("Create Table", "")).orElse("");
            if (!ddl.replace(" ", "").contains("\"is_being_synced\"=\"true\"")) {
                differences.add("is_being_synced is not \"true\" on the target");
            }
            if (!sc.equals(tc) || hashed.isEmpty()) {
                VerifyOutcome o = differences.isEmpty() ? VerifyOutcome.EQUAL : VerifyOutcome.DIFFERS;
                return new TableCheck(name, targetName, o, differences, List.of(), notHashed, "");
            }
            List<PartitionCheck> parts = rows(src, dst, new ArrayList<>(sp.keySet()).stream()
                    .filter(tp::containsKey).toList(), hashed, attempts);
            List<VerifyOutcome> outcomes = new ArrayList<>(parts.stream().map(PartitionCheck::outcome).toList());
            if (!differences.isEmpty()) {
                outcomes.add(VerifyOutcome.DIFFERS);
            }
            return new TableCheck(name, targetName, VerifyOutcome.combine(outcomes), differences, parts, notHashed, "");
        } catch (CcrException e) {
            return new TableCheck(name, targetName, VerifyOutcome.FAILED, differences, List.of(), notHashed, e.getMessage());
        }
    }

    /** The columns as comparable lines; fills the columns to hash and those that cannot be. */
    private static List<String> columns(SqlClient sql, QualifiedName t, List<Identifier> hashed, List<String> notHashed) {
        List<String> out = new ArrayList<>();
        for (Map<String, String> r : sql.query(VerifyStatements.describe(t))) {
            String field = r.getOrDefault("Field", "");
            String type = r.getOrDefault("Type", "");
            out.add(field + " " + type + " null=" + r.get("Null") + " key=" + r.get("Key") + " default=" + r.get("Default")
                    + " extra=" + r.get("Extra"));
            String lower = type.toLowerCase(Locale.ROOT);
            if (NOT_HASHABLE.stream().anyMatch(lower::startsWith)) {
                notHashed.add(field + " (" + type + ")");
            } else {
                hashed.add(Identifier.of(field));
            }
        }
        return out;
    }

    private static Set<String> indexes(SqlClient sql, QualifiedName t) {
        Set<String> out = new TreeSet<>();
        for (Map<String, String> r : sql.query(VerifyStatements.showIndex(t))) {
            out.add(r.get("Key_name") + "(" + r.get("Column_name") + ") " + r.get("Index_type"));
        }
        return out;
    }

    /** Partition name to the value of {@code column} of SHOW PARTITIONS. */
    private static Map<String, String> partitions(SqlClient sql, QualifiedName t, String column) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, String> r : sql.query(VerifyStatements.showPartitions(t))) {
            out.put(r.get("PartitionName"), r.get(column));
        }
        return out;
    }

    private record Sum(long rows, String checksum) {}

    private static Sum checksum(SqlClient sql, QualifiedName t, String partition, List<Identifier> columns) {
        List<Map<String, String>> r = sql.query(VerifyStatements.partitionChecksum(t, Identifier.of(partition), columns));
        if (r.isEmpty()) {
            return new Sum(0, null);
        }
        String rows = r.get(0).get("rows");
        return new Sum(rows == null ? 0 : Long.parseLong(rows.trim()), r.get(0).get("checksum"));
    }

    private List<PartitionCheck> rows(QualifiedName src, QualifiedName dst, List<String> names, List<Identifier> columns,
            int attempts) {
        Map<String, PartitionCheck> done = new LinkedHashMap<>();
        Map<String, String> why = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>(names);
        for (int attempt = 1; attempt <= attempts && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                pause.before(attempt);
            }
            Map<String, String> a = partitions(source, src, "VisibleVersion");
            Map<String, Sum> sourceSums = new LinkedHashMap<>();
            for (String p : pending) {
                if (a.containsKey(p)) {
                    sourceSums.put(p, checksum(source, src, p, columns));
                }
            }
            Map<String, String> b = partitions(source, src, "VisibleVersion");
            long last = sourceLastSeq.getAsLong();
            Applied at = applied.get();
            if (at.copying()) {
                pending.forEach(p -> why.put(p, "the job is copying the source (full or partial sync)"));
                continue;
            }
            if (at.commitSeq() < last) {
                pending.forEach(p -> why.put(p, "the target has applied up to binlog " + at.commitSeq()
                        + ", the source is at " + last));
                continue;
            }
            Map<String, Sum> targetSums = new LinkedHashMap<>();
            for (String p : sourceSums.keySet()) {
                if (Objects.equals(a.get(p), b.get(p))) {
                    targetSums.put(p, checksum(target, dst, p, columns));
                }
            }
            Map<String, String> c = partitions(source, src, "VisibleVersion");
            for (String p : List.copyOf(pending)) {
                Sum s = sourceSums.get(p);
                Sum t = targetSums.get(p);
                if (s == null || t == null || !Objects.equals(a.get(p), c.get(p))) {
                    why.put(p, "it changed on the source during the check");
                    continue;
                }
                pending.remove(p);
                if (s.rows() != t.rows()) {
                    done.put(p, new PartitionCheck(p, VerifyOutcome.DIFFERS, s.rows(), t.rows(),
                            s.rows() + " row(s) on the source, " + t.rows() + " on the target"));
                } else if (!Objects.equals(s.checksum(), t.checksum())) {
                    done.put(p, new PartitionCheck(p, VerifyOutcome.DIFFERS, s.rows(), t.rows(),
                            "same row count (" + s.rows() + "), different contents (checksums differ)"));
                } else {
                    done.put(p, new PartitionCheck(p, VerifyOutcome.EQUAL, s.rows(), t.rows(), ""));
                }
            }
        }
        List<PartitionCheck> out = new ArrayList<>();
        for (String p : names) {
            out.add(done.containsKey(p) ? done.get(p)
                    : new PartitionCheck(p, VerifyOutcome.NOT_ALIGNED, -1, -1, why.getOrDefault(p, "not compared")));
        }
        return out;
    }
}
