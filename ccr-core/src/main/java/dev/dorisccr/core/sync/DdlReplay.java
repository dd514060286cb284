package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.AddPartitionRecord;
import dev.dorisccr.core.binlog.AlterDatabasePropertyRecord;
import dev.dorisccr.core.binlog.AlterJobRecord;
import dev.dorisccr.core.binlog.BarrierRecord;
import dev.dorisccr.core.binlog.BinlogRecordVisitor;
import dev.dorisccr.core.binlog.CreateTableRecord;
import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.binlog.DistributionInfo;
import dev.dorisccr.core.binlog.DropPartitionRecord;
import dev.dorisccr.core.binlog.DropRollupRecord;
import dev.dorisccr.core.binlog.DropTableRecord;
import dev.dorisccr.core.binlog.DummyRecord;
import dev.dorisccr.core.binlog.IndexChangeJobRecord;
import dev.dorisccr.core.binlog.IndexDef;
import dev.dorisccr.core.binlog.ModifyCommentRecord;
import dev.dorisccr.core.binlog.ModifyDistributionBucketNumRecord;
import dev.dorisccr.core.binlog.ModifyDistributionTypeRecord;
import dev.dorisccr.core.binlog.ModifyPartitionsRecord;
import dev.dorisccr.core.binlog.ModifyTableAddOrDropColumnsRecord;
import dev.dorisccr.core.binlog.ModifyTableAddOrDropInvertedIndicesRecord;
import dev.dorisccr.core.binlog.ModifyTablePropertyRecord;
import dev.dorisccr.core.binlog.ModifyViewDefRecord;
import dev.dorisccr.core.binlog.RecoverInfoRecord;
import dev.dorisccr.core.binlog.RenameColumnRecord;
import dev.dorisccr.core.binlog.RenamePartitionRecord;
import dev.dorisccr.core.binlog.RenameRollupRecord;
import dev.dorisccr.core.binlog.RenameTableRecord;
import dev.dorisccr.core.binlog.ReplacePartitionsRecord;
import dev.dorisccr.core.binlog.ReplaceTableRecord;
import dev.dorisccr.core.binlog.TruncateTableRecord;
import dev.dorisccr.core.binlog.UpsertRecord;
import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import dev.dorisccr.core.ddl.lex.DorisLexer;
import dev.dorisccr.core.ddl.lex.Token;
import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.ddl.render.ReplayStatements;
import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.ddl.render.Statements;
import dev.dorisccr.core.ddl.rewrite.CreateTableRewriter;
import dev.dorisccr.core.ddl.rewrite.RewriteOptions;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.machine.JobEvent;
import dev.dorisccr.core.spi.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one non-upsert binlog on the target. Each statement is safe to run again after a crash:
 * it is idempotent as rendered (IF EXISTS forms), or the Doris error that says "already done"
 * (duplicate partition, unknown column...) counts as done. Changes that need a copy of the data
 * (a finished schema change or rollup, replaced partitions, recovered tables, view and index
 * changes) answer NeedsFullSync: the Go syncer does a partial sync there, this engine copies the
 * whole scope again (see docs/compatibility.md).
 */
final class DdlReplay {
    private static final Logger log = LoggerFactory.getLogger(DdlReplay.class);
    private final JobSpec spec;
    private final SqlClient destSql;
    private final ClusterIds src;

    DdlReplay(JobSpec spec, SqlClient destSql, ClusterIds src) {
        this.spec = requireNonNull(spec, "spec is null");
        this.destSql = requireNonNull(destSql, "destSql is null");
        this.src = requireNonNull(src, "src is null");
    }

    /**
     * Replays a binlog through the handler of its record type; a payload that could not be decoded
     * fails with its decode error.
     */
    JobEvent apply(DecodedBinlog binlog, Map<Long, String> names) {
        return binlog.recordOrThrow().accept(new Handler(binlog, names));
    }

    /**
     * One handler per binlog record type, for one binlog: {@code n} is the job's source table id ->
     * target name mapping, updated by the handlers that create, drop, rename or replace tables.
     */
    private final class Handler implements BinlogRecordVisitor<JobEvent> {
        private final DecodedBinlog binlog;
        private final Map<Long, String> n;
        private final String what;
        private final boolean table;

        Handler(DecodedBinlog binlog, Map<Long, String> names) {
            this.binlog = binlog;
            this.n = new TreeMap<>(names);
            this.what = binlog.describe();
            this.table = spec.source().isTable();
        }

        @Override
        public JobEvent visitUpsert(UpsertRecord u) {
            // upserts are loaded through BeginTxn / Ingest / CommitTxn, never replayed as DDL
            throw new CcrException(ErrorCode.DORIS_UNSUPPORTED, "no replay for " + what + ": " + binlog.raw().data());
        }

        @Override
        public JobEvent visitDummy(DummyRecord d) {
            return skip(what, "nothing to replay on the target");
        }

        @Override
        public JobEvent visitBarrier(BarrierRecord b) {
            return skip(what, "nothing to replay on the target");
        }

        @Override
        public JobEvent visitModifyPartitions(ModifyPartitionsRecord m) {
            return skip(what, "nothing to replay on the target");
        }

        @Override
        public JobEvent visitAddPartition(AddPartitionRecord a) {
            if (a.tempPartition()) {
                return skip(what, "temporary partition");
            }
            DistributionInfo d = a.partition().distributionInfo().orElse(null);
            run(List.of(ReplayStatements.addPartition(target(a.tableId(), n), a.sql(), d == null ? "HASH" : d.kind(),
                    d == null ? List.of() : d.distributionColumns(), d == null ? 0 : d.bucketNum())),
                    "Duplicate partition name");
            return applied();
        }

        @Override
        public JobEvent visitDropPartition(DropPartitionRecord d) {
            if (d.tempPartition()) {
                return skip(what, "temporary partition");
            }
            run(List.of(Statements.dropPartition(target(d.tableId(), n), Identifier.of(d.partitionName()), false,
                    d.forceDrop())));
            return applied();
        }

        @Override
        public JobEvent visitCreateTable(CreateTableRecord c) {
            if (table) {
                return skip(what, "a table job does not create tables");
            }
            if (c.sql().isBlank()) {
                return new JobEvent.NeedsFullSync("CREATE TABLE " + c.tableName() + " came without SQL");
            }
            QualifiedName t = QualifiedName.of(spec.target().database(), c.tableName());
            RewriteOptions o = RewriteOptions.defaults().withTargetDatabase(Identifier.of(spec.target().database()))
                    .withSourceDatabase(Identifier.of(spec.source().database()));
            if ("VIEW".equalsIgnoreCase(c.tableType())) {
                run(List.of(Statements.dropView(t), CreateTableRewriter.rewrite(c.sql(), o)));
            } else {
                run(List.of(CreateTableRewriter.rewrite(c.sql(), o)), "already exists");
            }
            n.put(c.tableId(), c.tableName());
            return applied(n);
        }

        @Override
        public JobEvent visitDropTable(DropTableRecord d) {
            if (table) {
                return skip(what, "a table job does not drop tables");
            }
            // by the job's name for the id, else by the record's name: at this point of the history the
            // target table of that name is this table (it may have been dropped on the source after the
            // snapshot, so the mapping read from the source afterwards can miss it)
            QualifiedName t = QualifiedName.of(spec.target().database(), n.getOrDefault(d.tableId(), d.tableName()));
            try {
                destSql.execute(Statements.dropTable(t, true));
            } catch (CcrException e) {
                if (!String.valueOf(e.getMessage()).contains("is not TABLE")) {
                    throw e;
                }
                destSql.execute(Statements.dropView(t));
            }
            n.remove(d.tableId());
            return applied(n);
        }

        @Override
        public JobEvent visitModifyTableAddOrDropColumns(ModifyTableAddOrDropColumnsRecord m) {
            if (m.rawSql().isBlank()) {
                return new JobEvent.NeedsFullSync(what + " came without rawSql");
            }
            // applied before a crash: Doris answers an ADD of a present column, a DROP of an absent one
            // and a MODIFY to the type it has with these (SchemaChangeHandler)
            run(List.of(ReplayStatements.alterTableRaw(target(m.tableId(), n), m.rawSql())),
                    "Can not add column which already exists in base table", "Column does not exists:",
                    "Nothing is changed", "Duplicate column name", "Unknown column");
            return applied();
        }

        @Override
        public JobEvent visitRenameColumn(RenameColumnRecord rc) {
            run(List.of(Statements.renameColumn(target(rc.tableId(), n), Identifier.of(rc.colName()),
                    Identifier.of(rc.newColName()))), "Unknown column");
            return applied();
        }

        @Override
        public JobEvent visitRenamePartition(RenamePartitionRecord rp) {
            if (rp.oldPartitionName().isEmpty()) {
                return partial(rp.tableId(), n, List.of(), true, what + " does not name the old partition");
            }
            run(List.of(Statements.renamePartition(target(rp.tableId(), n), Identifier.of(rp.oldPartitionName()),
                    Identifier.of(rp.newPartitionName()))), "does not exist");
            return applied();
        }

        @Override
        public JobEvent visitRenameRollup(RenameRollupRecord rr) {
            if (rr.oldRollupName().isEmpty()) {
                return partial(rr.tableId(), n, List.of(), true, what + " does not name the old rollup");
            }
            run(List.of(Statements.renameRollup(target(rr.tableId(), n), Identifier.of(rr.oldRollupName()),
                    Identifier.of(rr.newRollupName()))), "does not exist");
            return applied();
        }

        @Override
        public JobEvent visitRenameTable(RenameTableRecord rt) {
            return renameTable(rt, n, table);
        }

        @Override
        public JobEvent visitTruncateTable(TruncateTableRecord tr) {
            run(List.of(Statements.truncate(target(tr.tableId(), n), partitionsOf(tr.rawSql()))));
            return applied();
        }

        @Override
        public JobEvent visitModifyComment(ModifyCommentRecord mc) {
            QualifiedName t = target(mc.tableId(), n);
            if ("TABLE".equalsIgnoreCase(mc.commentType())) {
                run(List.of(Statements.modifyTableComment(t, mc.tableComment())));
            } else {
                run(ReplayStatements.modifyColumnComments(t, mc.columnComments()));
            }
            return applied();
        }

        @Override
        public JobEvent visitDropRollup(DropRollupRecord dr) {
            run(List.of(ReplayStatements.dropRollup(target(dr.tableId(), n), Identifier.of(dr.indexName()))),
                    "does not exist");
            return applied();
        }

        @Override
        public JobEvent visitReplaceTable(ReplaceTableRecord rt) {
            if (table) {
                return new JobEvent.NeedsFullSync(what + ": the synced table was replaced on the source");
            }
            QualifiedName orig = QualifiedName.of(spec.target().database(), n.getOrDefault(rt.origTableId(),
                    rt.origTableName()));
            run(List.of(Statements.replaceTable(orig, Identifier.of(rt.newTableName()), rt.swapTable())));
            n.put(rt.newTableId(), rt.origTableName());
            if (rt.swapTable()) {
                n.put(rt.origTableId(), rt.newTableName());
            } else {
                n.remove(rt.origTableId());
            }
            return applied(n);
        }

        @Override
        public JobEvent visitAlterJob(AlterJobRecord aj) {
            if (!"FINISHED".equalsIgnoreCase(aj.jobState())) {
                return skip(what, aj.jobType() + " job is " + aj.jobState());
            }
            n.putIfAbsent(aj.tableId(), aj.tableName());
            return partial(aj.tableId(), n, List.of(), true, aj.jobType() + " of " + aj.tableName()
                    + " finished on the source (" + what + "): the table is copied again");
        }

        @Override
        public JobEvent visitReplacePartitions(ReplacePartitionsRecord rp) {
            if (!rp.strictRange() || rp.useTempPartitionName()) {
                return new JobEvent.NeedsFullSync(what + " with strict_range=" + rp.strictRange()
                        + " use_temp_partition_name=" + rp.useTempPartitionName()
                        + ": the partitions cannot be matched, the target is copied again");
            }
            // the whole table, not only the replaced partitions as the Go syncer does: the copy is taken
            // later than this binlog, and loads into the other partitions in between must not be lost
            n.putIfAbsent(rp.tableId(), rp.tableName());
            return partial(rp.tableId(), n, List.of(), false, what + ": partitions " + rp.partitions()
                    + " of " + rp.tableName() + " were replaced, the table is copied again");
        }

        @Override
        public JobEvent visitRecoverInfo(RecoverInfoRecord ri) {
            if (table && !ri.recoversTable()) {
                return partial(ri.tableId(), n, List.of(), true, what + ": partition " + ri.partitionName()
                        + " was recovered, the table is copied again");
            }
            if (table) {
                return skip(what, "a table job does not recover tables");
            }
            String name = ri.newTableName().isEmpty() ? ri.tableName() : ri.newTableName();
            n.put(ri.tableId(), name);
            return partial(ri.tableId(), n, List.of(), true, what + ": " + name + " was recovered, it is copied");
        }

        @Override
        public JobEvent visitModifyViewDef(ModifyViewDefRecord mv) {
            if (table) {
                return skip(what, "a table job has no views");
            }
            QualifiedName v = target(mv.tableId(), n);
            RewriteOptions o = RewriteOptions.defaults().withTargetDatabase(Identifier.of(spec.target().database()))
                    .withSourceDatabase(Identifier.of(spec.source().database()));
            run(List.of(ReplayStatements.alterView(CreateTableRewriter.rewrite("CREATE VIEW "
                    + v.name().quoted() + " AS " + mv.inlineViewDef(), o))));
            return applied();
        }

        @Override
        public JobEvent visitIndexChangeJob(IndexChangeJobRecord ic) {
            if (!"FINISHED".equalsIgnoreCase(ic.jobState()) || ic.dropOp()) {
                return skip(what, ic.dropOp() ? "index drop job" : "index job is " + ic.jobState());
            }
            QualifiedName t = target(ic.tableId(), n);
            for (IndexDef i : ic.alterInvertedIndexes()) {
                List<Identifier> parts = ic.partitionName().isEmpty() ? List.of() : List.of(Identifier.of(ic.partitionName()));
                try {
                    destSql.execute(ReplayStatements.buildIndex(Identifier.of(i.indexName()), t, parts));
                } catch (CcrException e) {
                    if (parts.isEmpty() || !String.valueOf(e.getMessage()).contains("not partitioned")) {
                        throw e;
                    }
                    destSql.execute(ReplayStatements.buildIndex(Identifier.of(i.indexName()), t, List.of()));
                }
            }
            return applied();
        }

        @Override
        public JobEvent visitModifyTableAddOrDropInvertedIndices(ModifyTableAddOrDropInvertedIndicesRecord ii) {
            QualifiedName t = target(ii.tableId(), n);
            if (ii.alterInvertedIndexes().isEmpty()) {
                if (ii.rawSql().isBlank()) {
                    return skip(what, "names no index");
                }
                run(List.of(ReplayStatements.alterTableRaw(t, ii.rawSql())), "already exist", "does not exist");
                return applied();
            }
            if (ii.dropInvertedIndex()) {
                run(List.of(ReplayStatements.dropIndexes(t, ii.alterInvertedIndexes().stream()
                        .map(i -> Identifier.of(i.indexName())).toList())), "does not exist");
            } else {
                run(List.of(ReplayStatements.addInvertedIndexes(t, ii.alterInvertedIndexes().stream()
                        .map(i -> new ReplayStatements.InvertedIndex(i.indexName(), i.columns(), i.properties(),
                                i.comment())).toList())), "already exist");
            }
            return applied();
        }

        @Override
        public JobEvent visitModifyDistributionBucketNum(ModifyDistributionBucketNumRecord md) {
            List<Identifier> cols = new ArrayList<>();
            if ("HASH".equalsIgnoreCase(md.distributionType())) {
                for (String c : md.columnsName().split(",")) {
                    String name = c.trim();
                    if (name.length() > 1 && name.startsWith("`") && name.endsWith("`")) {
                        name = name.substring(1, name.length() - 1).replace("``", "`");
                    }
                    if (!name.isEmpty()) {
                        cols.add(Identifier.of(name));
                    }
                }
                if (cols.isEmpty()) {
                    throw new CcrException(ErrorCode.MALFORMED_BINLOG, what + ": HASH distribution without columns");
                }
            }
            run(List.of(ReplayStatements.modifyDistribution(target(md.tableId(), n), cols, md.bucketNum(),
                    md.autoBucket())));
            return applied();
        }

        @Override
        public JobEvent visitModifyDistributionType(ModifyDistributionTypeRecord mt) {
            QualifiedName t = target(mt.tableId(), n);
            boolean random = destSql.query(ClusterStatements.showCreateTable(t)).stream()
                    .flatMap(row -> row.values().stream()).anyMatch(v -> v.contains("DISTRIBUTED BY RANDOM"));
            if (random) {
                return skip(what, "the target table is distributed by random already");
            }
            run(List.of(ReplayStatements.randomDistribution(t)));
            return applied();
        }

        @Override
        public JobEvent visitAlterDatabaseProperty(AlterDatabasePropertyRecord ad) {
            // binlog turned on again: what changed while it was off is in no binlog, so it is copied
            if (enablesBinlog(ad.properties())) {
                return new JobEvent.NeedsFullSync(what + ": binlog was turned on for the source database; changes made"
                        + " while it was off are in no binlog, the database is copied again");
            }
            return skip(what, "nothing to replay on the target");
        }

        @Override
        public JobEvent visitModifyTableProperty(ModifyTablePropertyRecord mp) {
            if (enablesBinlog(mp.properties())) {
                n.putIfAbsent(mp.tableId(), mp.tableName());
                return partial(mp.tableId(), n, List.of(), false, what + ": binlog was turned on for table "
                        + mp.tableName() + "; changes made while it was off are in no binlog, the table is copied again");
            }
            return skip(what, "nothing to replay on the target");
        }
    }

    /**
     * A partial sync of one table, named as the target has it; a table job only ever copies its
     * own table.
     */
    private JobEvent partial(long tableId, Map<Long, String> names, List<String> partitions, boolean replace,
            String why) {
        String name = spec.source().isTable() ? spec.source().table()
                : names.containsKey(tableId) ? names.get(tableId) : src.tableName(tableId).orElse("");
        if (name.isEmpty()) {
            return new JobEvent.NeedsFullSync(why + " (table " + tableId + " is unknown)");
        }
        log.info("job {}: partial sync of {}: {}", spec.name(), name, why);
        return new JobEvent.NeedsPartialSync(tableId, name, partitions, replace, why);
    }

    private JobEvent renameTable(RenameTableRecord rt, Map<Long, String> n, boolean table) {
        QualifiedName t = target(rt.tableId(), n);
        List<Sql> stmts = new ArrayList<>();
        if (!rt.newTableName().isEmpty() && !table) {
            String old = rt.oldTableName().isEmpty() ? t.name().name() : rt.oldTableName();
            stmts.add(Statements.renameTable(QualifiedName.of(spec.target().database(), n.getOrDefault(rt.tableId(), old)),
                    Identifier.of(rt.newTableName())));
        }
        if (!rt.newRollupName().isEmpty()) {
            stmts.add(Statements.renameRollup(t, Identifier.of(rt.oldRollupName()), Identifier.of(rt.newRollupName())));
        }
        if (!rt.newPartitionName().isEmpty()) {
            stmts.add(Statements.renamePartition(t, Identifier.of(rt.oldPartitionName()),
                    Identifier.of(rt.newPartitionName())));
        }
        run(stmts, "already exists");
        if (!rt.newTableName().isEmpty() && !table) {
            n.put(rt.tableId(), rt.newTableName());
            return applied(n);
        }
        return applied();
    }

    /** The target table of a source table id: the job's table, or the db job's mapping, or the source's name. */
    private QualifiedName target(long sourceTableId, Map<Long, String> names) {
        if (spec.source().isTable()) {
            return QualifiedName.of(spec.target().database(), spec.target().table());
        }
        String name = names.get(sourceTableId);
        if (name == null) {
            src.refresh();
            name = src.tableName(sourceTableId).orElseThrow(() -> new CcrException(ErrorCode.META_MISMATCH,
                    "source table " + sourceTableId + " is unknown to the job and gone from the source"));
        }
        return QualifiedName.of(spec.target().database(), name);
    }

    /** Runs statements; an error whose message contains one of {@code doneWhen} means the change is already there. */
    private void run(List<Sql> statements, String... doneWhen) {
        for (Sql s : statements) {
            try {
                destSql.execute(s);
            } catch (CcrException e) {
                String msg = String.valueOf(e.getMessage());
                boolean done = false;
                for (String d : doneWhen) {
                    done |= msg.contains(d);
                }
                if (!done) {
                    throw e;
                }
                log.info("job {}: {} was applied before ({}), going on", spec.name(), s, msg);
            }
        }
    }

    /** {@code PARTITIONS (p1, p2)} or {@code PARTITION (p1)} -> names; "" -> whole table. */
    static List<Identifier> partitionsOf(String rawSql) {
        List<Identifier> out = new ArrayList<>();
        boolean inside = false;
        for (Token t : DorisLexer.tokenize(rawSql)) {
            if (t.isPunctuation('(')) {
                inside = true;
            } else if (t.isPunctuation(')')) {
                inside = false;
            } else if (inside && t.isName()) {
                out.add(Identifier.of(t.value()));
            }
        }
        return out;
    }

    private static boolean enablesBinlog(Map<String, String> properties) {
        return properties.entrySet().stream()
                .anyMatch(e -> e.getKey().equalsIgnoreCase("binlog.enable") && e.getValue().equalsIgnoreCase("true"));
    }

    private JobEvent skip(String what, String why) {
        log.info("job {}: {} needs no replay: {}", spec.name(), what, why);
        return applied();
    }

    private static JobEvent applied() {
        return new JobEvent.Applied();
    }

    private static JobEvent applied(Map<Long, String> names) {
        return new JobEvent.Applied(Optional.of(names));
    }
}
