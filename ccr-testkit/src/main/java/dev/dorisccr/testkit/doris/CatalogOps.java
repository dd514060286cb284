package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.DistributionDesc;
import dev.dorisccr.testkit.schema.IndexDef;
import dev.dorisccr.testkit.schema.KeysType;
import dev.dorisccr.testkit.schema.PartitionBy;
import dev.dorisccr.testkit.schema.PartitionDef;
import dev.dorisccr.testkit.schema.PartitionValues;
import dev.dorisccr.testkit.schema.RollupDef;
import dev.dorisccr.testkit.schema.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Database and table DDL on the simulated catalog, each logged with its binlog in Doris's JSON.
 * Callers hold the state's monitor.
 */
final class CatalogOps {
    private final SimState s;
    private final SchemaText text;

    /** How the catalog renders SQL text that goes into binlogs. */
    interface SchemaText {
        /** CREATE TABLE as Doris renders it for sync (BUCKETS n, not AUTO). */
        String createTable(SimTable table);

        /** The ADD_PARTITION record's {@code sql} (facts 6.2). */
        String addPartitionSql(SimTable table, PartitionDef partition, long version);
    }

    CatalogOps(SimState s, SchemaText text) {
        this.s = s;
        this.text = text;
    }

    // ---- databases -------------------------------------------------------------------------

    void createDatabase(String name, boolean ifNotExists, Map<String, String> props) {
        if (s.databases.containsKey(name)) {
            if (ifNotExists) {
                return;
            }
            throw new SimException("ANALYSIS_ERROR", 1007, "Can't create database '" + name + "'; database exists");
        }
        SimDatabase db = new SimDatabase(s.nextId(), name);
        db.properties.putAll(props);
        s.databases.put(name, db);
        s.nextJournalId();
    }

    void dropDatabase(String name, boolean ifExists) {
        SimDatabase db = s.databases.get(name);
        if (db == null) {
            if (ifExists) {
                return;
            }
            throw new SimException("ANALYSIS_ERROR", 1008, "Can't drop database '" + name + "'; database doesn't exist");
        }
        for (SimTable t : new ArrayList<>(db.tables.values())) {
            dropTable(db, t.name, true, true, t.view);
        }
        s.databases.remove(name);
        s.nextJournalId();
    }

    /**
     * ALTER DATABASE SET PROPERTIES. As Doris (Database.updateDbProperties): turning binlog on
     * for a database is refused while one of its OLAP tables has binlog off (enable it on every
     * table first, as enable_db_binlog.sh does); turning it off leaves the tables' own setting.
     */
    void alterDatabaseProperties(SimDatabase db, Map<String, String> props) {
        if ("true".equalsIgnoreCase(props.get("binlog.enable")) && !db.binlogEnabled()) {
            for (SimTable t : db.tables.values()) {
                if (!t.view && !t.binlogEnabled()) {
                    throw SimException.analysis("binlog is not enable in table[" + t.name + "] in db [" + db.name + "]");
                }
            }
        }
        db.properties.putAll(props);
        s.log(SimBinlog.ALTER_DATABASE_PROPERTY, db, List.of(), s.ddlTimestamp(),
                seq -> s.payloads.alterDatabaseProperty(db.id, db.name, props));
    }

    // ---- tables ----------------------------------------------------------------------------

    SimTable createTable(SimDatabase db, TableDef def, boolean ifNotExists) {
        if (db.tables.containsKey(def.name())) {
            if (ifNotExists) {
                return db.tables.get(def.name());
            }
            throw new SimException("ANALYSIS_ERROR", 1050, "Table '" + def.name() + "' already exists");
        }
        AutoPartitions.check(def);
        SequenceColumns.check(def);
        IndexChecks.check(def);
        TableDef normalized = DynamicPartitions.check(IndexChecks.withDefaults(normalize(def)));
        SimTable t = new SimTable(s.nextId(), def.name(), normalized);
        if (db.binlogEnabled()) {
            t.properties.put("binlog.enable", "true");
        }
        int replicas = s.replicationNum(t.properties);
        t.indexes.add(new SimIndex(s.nextId(), def.name(), columnNames(normalized), true));
        for (RollupDef r : normalized.rollups()) {
            t.indexes.add(new SimIndex(s.nextId(), r.name(), r.columns(), false));
        }
        if (normalized.partitionBy().kind() == PartitionBy.Kind.NONE) {
            SimPartition p = new SimPartition(s.nextId(), def.name(), new PartitionValues.Unpartitioned(), false,
                    normalized.distribution());
            t.partitions.put(p.name, p);
            s.createTablets(db, t, p, replicas);
        } else {
            for (PartitionDef pd : normalized.partitionBy().partitions()) {
                SimPartition p = new SimPartition(s.nextId(), pd.name(), pd.values(), pd.temporary(),
                        normalized.distribution());
                (pd.temporary() ? t.tempPartitions : t.partitions).put(p.name, p);
                s.createTablets(db, t, p, replicas);
            }
        }
        db.tables.put(t.name, t);
        s.log(SimBinlog.CREATE_TABLE, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.createTable(seq, db.id, db.name, t.id, t.name, "OLAP", text.createTable(t)));
        new DynamicPartitionScheduler(s, this).firstRun(db, t);
        return t;
    }

    /** Turns LESS THAN partitions into fixed ranges [previous upper, upper), as Doris stores them. */
    TableDef normalize(TableDef def) {
        PartitionBy pb = def.partitionBy();
        if (pb.kind() != PartitionBy.Kind.RANGE) {
            return def;
        }
        List<PartitionDef> out = new ArrayList<>();
        List<String> lower = null;
        for (PartitionDef p : pb.partitions()) {
            if (p.values() instanceof PartitionValues.LessThan lt) {
                List<String> lo = lower != null ? lower : minValues(def, pb.columns());
                out.add(new PartitionDef(p.name(), new PartitionValues.Fixed(lo, lt.upper()), p.temporary(), p.properties()));
                lower = lt.upper();
            } else {
                out.add(p);
                if (p.values() instanceof PartitionValues.Fixed f) {
                    lower = f.upper();
                }
            }
        }
        return def.withPartitionBy(pb.withPartitions(out));
    }

    private static List<String> minValues(TableDef def, List<String> cols) {
        List<String> out = new ArrayList<>();
        for (String c : cols) {
            out.add(def.columns().stream().filter(x -> x.name().equalsIgnoreCase(c)).findFirst()
                    .map(SimState::minValue).orElse(""));
        }
        return out;
    }

    static List<String> columnNames(TableDef def) {
        List<String> out = new ArrayList<>();
        def.columns().forEach(c -> out.add(c.name()));
        return out;
    }

    /** A view over its analysed definition (see {@link ViewSql}); the binlog carries Doris's DDL text. */
    SimTable createView(SimDatabase db, String name, String definition, String comment, Map<String, String> columnComments,
            boolean ifNotExists) {
        if (db.tables.containsKey(name)) {
            if (ifNotExists) {
                return db.tables.get(name);
            }
            throw new SimException("ANALYSIS_ERROR", 1050, "Table '" + name + "' already exists");
        }
        SimTable v = new SimTable(s.nextId(), name, definition);
        v.viewComment = comment;
        v.viewColumnComments.putAll(columnComments);
        db.tables.put(name, v);
        String ddl = ViewSql.ddl(v);
        s.log(SimBinlog.CREATE_TABLE, db, List.of(v), s.ddlTimestamp(),
                seq -> s.payloads.createTable(seq, db.id, db.name, v.id, name, "VIEW", ddl));
        return v;
    }

    void alterView(SimDatabase db, String name, String definition, Map<String, String> columnComments) {
        SimTable v = s.table(db, name);
        if (!v.view) {
            throw SimException.analysis("ALTER VIEW not allowed on a table:" + db.name + "." + name);
        }
        v.viewQuery = definition;
        v.viewColumnComments.clear();
        v.viewColumnComments.putAll(columnComments);
        s.log(SimBinlog.MODIFY_VIEW_DEF, db, List.of(v), s.ddlTimestamp(),
                seq -> s.payloads.modifyViewDef(db.id, v.id, definition));
    }

    void dropTable(SimDatabase db, String name, boolean ifExists, boolean force, boolean expectView) {
        Optional<SimTable> found = db.table(name);
        if (found.isEmpty()) {
            if (ifExists) {
                return;
            }
            throw new SimException("ANALYSIS_ERROR", 1051, "Unknown table '" + name + "'");
        }
        SimTable t = found.get();
        if (expectView != t.view) {
            // InternalCatalog.dropTable: ERR_WRONG_OBJECT with genDropHint naming the object's real kind
            throw new SimException("ANALYSIS_ERROR", 1347, "'" + db.name + "." + name + "' is not "
                    + (expectView ? "VIEW" : "TABLE") + ". Use 'DROP " + (t.view ? "VIEW" : "TABLE") + " " + db.name + "."
                    + name + "'.");
        }
        db.tables.remove(name);
        if (force || t.view) {
            for (SimPartition p : t.allPartitions()) {
                s.dropTablets(p);
            }
        } else {
            t.allPartitions().forEach(s::parkTablets);
            db.recycleBin.remove(t.id);
            db.recycleBin.put(t.id, t);
        }
        String raw = (t.view ? "DROP VIEW IF EXISTS `" : "DROP TABLE IF EXISTS `") + name + "`";
        long seq = s.log(SimBinlog.DROP_TABLE, db, List.of(t), s.ddlTimestamp(),
                q -> s.payloads.dropTable(q, db.id, t.id, name, t.view, raw));
        s.journal.droppedTable(db.id, t.id, seq);
    }

    /** RECOVER TABLE t [AS new]: the newest dropped table of that name comes back with its id and data. */
    void recoverTable(SimDatabase db, String name, String newName) {
        SimTable found = null;
        for (SimTable t : db.recycleBin.values()) {
            if (t.name.equals(name)) {
                found = t;
            }
        }
        if (found == null) {
            throw SimException.analysis("Unknown table '" + name + "' or table id '-1' in recycle bin");
        }
        String as = newName.isEmpty() ? name : newName;
        if (db.tables.containsKey(as)) {
            throw new SimException("ANALYSIS_ERROR", 1050, "Table '" + as + "' already exists");
        }
        SimTable t = found;
        db.recycleBin.remove(t.id);
        if (!newName.isEmpty()) {
            setName(t, newName);
        }
        db.tables.put(as, t);
        t.allPartitions().forEach(p -> s.unparkTablets(db, t, p));
        s.log(SimBinlog.RECOVER_INFO, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.recoverInfo(db.id, t.id, name, newName, -1, "", ""));
        s.journal.recoveredTable(db.id, t.id);
    }

    /** RECOVER PARTITION p [AS new] FROM t: the newest dropped partition of that name comes back. */
    void recoverPartition(SimDatabase db, SimTable t, String name, String newName) {
        SimPartition found = null;
        for (SimPartition p : t.recycledPartitions) {
            if (p.name.equals(name)) {
                found = p;
            }
        }
        if (found == null) {
            throw SimException.analysis("No partition named '" + name + "' in recycle bin that belongs to table '"
                    + t.name + "'");
        }
        String as = newName.isEmpty() ? name : newName;
        if (t.partitions.containsKey(as)) {
            throw SimException.analysis("Partition " + as + " already exist in table " + t.name);
        }
        for (SimPartition other : t.partitions.values()) {
            if (other.values.equals(found.values)) {
                throw SimException.analysis("Can not recover partition[" + name + "]: range conflicts with " + other.name);
            }
        }
        SimPartition p = found;
        t.recycledPartitions.remove(p);
        p.name = as;
        t.partitions.put(as, p);
        s.unparkTablets(db, t, p);
        s.log(SimBinlog.RECOVER_INFO, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.recoverInfo(db.id, t.id, t.name, "", p.id, name, newName));
        s.journal.recoveredPartition(db.id, p.id);
    }

    /** ADD INDEX ... USING INVERTED: a light index change (new data is indexed; BUILD INDEX does the old). */
    void addInvertedIndexes(SimDatabase db, SimTable t, List<IndexDef> adds, String rawSql) {
        List<IndexDef> all = new ArrayList<>(t.def.indexes());
        for (IndexDef i : adds) {
            if (!i.type().equals("INVERTED")) {
                throw SimException.analysis("the simulator changes INVERTED indexes only, not " + i.type());
            }
            if (all.stream().anyMatch(x -> x.name().equalsIgnoreCase(i.name()))) {
                throw SimException.analysis("index `" + i.name() + "` already exist.");
            }
            for (String c : i.columns()) {
                t.column(c).orElseThrow(() -> unknownColumn(c, t));
            }
            all.add(i);
        }
        t.def = t.def.withIndexes(all);
        List<IndexDef> finalAll = all;
        s.log(SimBinlog.MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.invertedIndexes(db.id, t.id, false, rawSql, finalAll, adds, t.columnIds));
    }

    /** DROP INDEX name [, DROP INDEX ...]. */
    void dropIndexes(SimDatabase db, SimTable t, List<String> names, String rawSql) {
        List<IndexDef> all = new ArrayList<>(t.def.indexes());
        List<IndexDef> dropped = new ArrayList<>();
        for (String n : names) {
            IndexDef i = all.stream().filter(x -> x.name().equalsIgnoreCase(n)).findFirst()
                    .orElseThrow(() -> SimException.analysis("index " + n + " does not exist"));
            all.remove(i);
            dropped.add(i);
            t.builtIndexes.remove(i.name());
        }
        t.def = t.def.withIndexes(all);
        s.log(SimBinlog.MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.invertedIndexes(db.id, t.id, true, rawSql, all, dropped, t.columnIds));
    }

    /** BUILD INDEX name ON t [PARTITION (p, ...)]: one index change job per partition, finished at once. */
    void buildIndex(SimDatabase db, SimTable t, String name, List<String> parts) {
        IndexDef i = t.def.indexes().stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> SimException.analysis("index " + name + " not exist in table " + t.name));
        if (!i.type().equals("INVERTED")) {
            throw SimException.analysis("BUILD INDEX operation failed: " + name + " is not an INVERTED index");
        }
        List<String> names = parts.isEmpty() ? new ArrayList<>(t.partitions.keySet()) : parts;
        for (String pn : names) {
            SimPartition p = Optional.ofNullable(t.partitions.get(pn))
                    .orElseThrow(() -> SimException.analysis("Partition[" + pn + "] does not exist"));
            long jobId = s.nextId();
            String partName = t.def.partitionBy().kind() == PartitionBy.Kind.NONE ? "" : p.name;
            long partId = partName.isEmpty() ? -1 : p.id;
            for (String state : List.of("RUNNING", "FINISHED")) {
                s.log(SimBinlog.INDEX_CHANGE_JOB, db, List.of(t), s.ddlTimestamp(),
                        seq -> s.payloads.indexChangeJob(db.id, t.id, t.name, partId, partName, jobId, state,
                                t.baseIndex().id(), s.nowMs(), List.of(i), t.columnIds));
            }
            t.builtIndexes.computeIfAbsent(i.name(), k -> new java.util.TreeSet<>()).add(p.name);
        }
    }

    static final java.util.Set<String> PARTITION_PROPERTIES = java.util.Set.of("storage_medium", "storage_cooldown_time",
            "replication_num", "in_memory", "storage_policy", "is_mutable");

    /** MODIFY PARTITION p | (p1, p2) | (*) SET (...): partition properties, one MODIFY_PARTITIONS binlog. */
    void modifyPartitions(SimDatabase db, SimTable t, List<String> names, Map<String, String> props) {
        for (String k : props.keySet()) {
            if (!PARTITION_PROPERTIES.contains(k)) {
                throw SimException.analysis("Unknown partition property: " + k);
            }
        }
        if (props.containsKey("storage_medium") && !List.of("HDD", "SSD").contains(props.get("storage_medium").toUpperCase(java.util.Locale.ROOT))) {
            throw SimException.analysis("Invalid storage medium: " + props.get("storage_medium"));
        }
        List<SimPartition> parts = new ArrayList<>();
        for (String n : names.equals(List.of("*")) ? new ArrayList<>(t.partitions.keySet()) : names) {
            parts.add(Optional.ofNullable(t.partitions.get(n))
                    .orElseThrow(() -> SimException.analysis("Partition[" + n + "] does not exist")));
        }
        parts.forEach(p -> p.properties.putAll(props));
        s.log(SimBinlog.MODIFY_PARTITIONS, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.modifyPartitions(db.id, t.id, parts));
    }

    /** MODIFY DISTRIBUTION: the bucket number (or AUTO) new partitions get. */
    void modifyDistribution(SimDatabase db, SimTable t, DistributionDesc d) {
        DistributionDesc cur = t.def.distribution();
        if (t.def.partitionBy().kind() == PartitionBy.Kind.NONE) {
            throw SimException.analysis("Only support modifying the default bucket number of a partitioned table");
        }
        if (cur.kind() != d.kind() || !lower(cur.columns()).equals(lower(d.columns()))) {
            throw SimException.analysis("Cannot change distribution type or columns: " + cur + " to " + d);
        }
        t.def = t.def.withDistribution(d);
        s.log(SimBinlog.MODIFY_DISTRIBUTION_BUCKET_NUM, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.modifyBucketNum(db.id, t.id, d));
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    void renameTable(SimDatabase db, SimTable t, String newName) {
        if (db.tables.containsKey(newName)) {
            throw new SimException("ANALYSIS_ERROR", 1050, "Table '" + newName + "' already exists");
        }
        String old = t.name;
        db.tables.remove(old);
        setName(t, newName);
        db.tables.put(newName, t);
        s.log(SimBinlog.RENAME_TABLE, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.tableInfo(db.id, t.id, -1, -1, newName, old, "", "", "", ""));
    }

    /** A table's name is also its base index's name, as in Doris. */
    static void setName(SimTable t, String newName) {
        t.name = newName;
        if (!t.view) {
            t.indexes.set(0, t.baseIndex().withName(newName));
            t.def = t.def.withName(newName);
        }
    }

    void setProperties(SimDatabase db, SimTable t, Map<String, String> props) {
        if (props.containsKey("distribution_type")) {
            if (props.size() != 1 || !"random".equalsIgnoreCase(props.get("distribution_type"))) {
                throw SimException.analysis("Only support modifying distribution type of table from hash to random");
            }
            if (t.def.keysType() != KeysType.DUP_KEYS) {
                throw SimException.analysis("Only support modifying distribution type of duplicate table");
            }
            DistributionDesc cur = t.def.distribution();
            if (cur.kind() == DistributionDesc.Kind.RANDOM) {
                return;
            }
            DistributionDesc random = new DistributionDesc(DistributionDesc.Kind.RANDOM, List.of(), cur.buckets(),
                    cur.autoBucket());
            t.def = t.def.withDistribution(random);
            for (SimPartition p : t.allPartitions()) {
                p.distribution = new DistributionDesc(DistributionDesc.Kind.RANDOM, List.of(), p.distribution.buckets(),
                        p.distribution.autoBucket());
            }
            s.log(SimBinlog.MODIFY_DISTRIBUTION_TYPE, db, List.of(t), s.ddlTimestamp(),
                    seq -> s.payloads.tableInfo(db.id, t.id, -1, -1, "", "", "", "", "", ""));
            return;
        }
        for (String k : props.keySet()) {
            if (k.equals("storage_policy") || k.equals("colocate_with")) {
                if (t.beingSynced()) {
                    throw SimException.analysis("Can not set " + k + " on a table that is being synced");
                }
            }
        }
        t.properties.putAll(props);
        s.log(SimBinlog.MODIFY_TABLE_PROPERTY, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.modifyTableProperty(db.id, t.id, db.name, t.name, props));
    }

    void modifyTableComment(SimDatabase db, SimTable t, String comment) {
        t.def = withColumns(t, t.def.columns(), comment);
        s.log(SimBinlog.MODIFY_COMMENT, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.modifyComment("TABLE", db.id, t.id, Map.of(), comment));
    }

    void modifyColumnComment(SimDatabase db, SimTable t, String column, String comment) {
        ColumnDef c = t.column(column).orElseThrow(() -> unknownColumn(column, t));
        List<ColumnDef> cols = new ArrayList<>();
        t.def.columns().forEach(x -> cols.add(x == c ? x.withComment(comment) : x));
        t.def = withColumns(t, cols, t.def.comment());
        s.log(SimBinlog.MODIFY_COMMENT, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.modifyComment("COLUMN", db.id, t.id, Map.of(c.name(), comment), ""));
    }

    static TableDef withColumns(SimTable t, List<ColumnDef> cols, String comment) {
        return new TableDef(t.name, cols, t.def.keysType(), t.def.keyColumns(), comment, t.def.partitionBy(),
                t.def.distribution(), t.def.rollups(), t.def.indexes(), t.def.properties());
    }

    static SimException unknownColumn(String column, SimTable t) {
        return new SimException("ANALYSIS_ERROR", 1054, "Unknown column '" + column + "' in '" + t.name + "'");
    }

    // ---- columns ---------------------------------------------------------------------------

    void renameColumn(SimDatabase db, SimTable t, String oldName, String newName) {
        ColumnDef c = t.column(oldName).orElseThrow(() -> unknownColumn(oldName, t));
        if (t.column(newName).isPresent()) {
            throw new SimException("ANALYSIS_ERROR", 1060, "Duplicate column name '" + newName + "'");
        }
        List<ColumnDef> cols = new ArrayList<>();
        t.def.columns().forEach(x -> cols.add(x == c ? x.withName(newName) : x));
        Integer uid = t.columnIds.remove(c.name());
        t.columnIds.put(newName, uid);
        List<String> keys = new ArrayList<>();
        t.def.keyColumns().forEach(k -> keys.add(k.equalsIgnoreCase(oldName) ? newName : k));
        t.def = new TableDef(t.name, cols, t.def.keysType(), keys, t.def.comment(), t.def.partitionBy(),
                t.def.distribution(), t.def.rollups(), t.def.indexes(), t.def.properties());
        for (int i = 0; i < t.indexes.size(); i++) {
            SimIndex r = t.indexes.get(i);
            List<String> rc = new ArrayList<>();
            r.columns().forEach(x -> rc.add(x.equalsIgnoreCase(oldName) ? newName : x));
            t.indexes.set(i, r.withColumns(rc));
        }
        Map<Long, Integer> versions = new LinkedHashMap<>();
        t.indexes.forEach(i -> versions.put(i.id(), 1));
        s.log(SimBinlog.RENAME_COLUMN, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.renameColumn(db.id, t.id, oldName, newName, versions));
    }

    // ---- partitions ------------------------------------------------------------------------

    void addPartition(SimDatabase db, SimTable t, PartitionDef pd, Optional<DistributionDesc> dist, boolean ifNotExists) {
        if (t.def.partitionBy().kind() == PartitionBy.Kind.NONE) {
            throw SimException.analysis("Table[" + t.name + "] is not partitioned");
        }
        if (t.partitions.containsKey(pd.name()) || t.tempPartitions.containsKey(pd.name())) {
            if (ifNotExists) {
                return;
            }
            throw SimException.analysis("Duplicate partition name " + pd.name());
        }
        PartitionValues values = pd.values();
        if (values instanceof PartitionValues.LessThan lt) {
            List<String> lower = minValues(t.def, t.def.partitionBy().columns());
            for (SimPartition p : t.partitions.values()) {
                if (p.values instanceof PartitionValues.Fixed f && Rows.compareKeys(t, f.upper(), lt.upper()) < 0
                        && Rows.compareKeys(t, f.upper(), lower) > 0) {
                    lower = f.upper();
                }
            }
            values = new PartitionValues.Fixed(lower, lt.upper());
        }
        addResolved(db, t, new PartitionDef(pd.name(), values, pd.temporary(), pd.properties()),
                dist.orElse(t.def.distribution()));
    }

    /** A partition an auto partitioned table's load needs (bounds final, the table's distribution). */
    void addAutoPartition(SimDatabase db, SimTable t, PartitionDef pd) {
        addResolved(db, t, pd, t.def.distribution());
    }

    /** A partition the dynamic partition scheduler adds (bounds final, its bucket count). */
    void addDynamicPartition(SimDatabase db, SimTable t, PartitionDef pd, DistributionDesc d) {
        addResolved(db, t, pd, d);
    }

    /** Adds a partition whose bounds are final (no LESS THAN to resolve, no checks). */
    private void addResolved(SimDatabase db, SimTable t, PartitionDef stored, DistributionDesc d) {
        SimPartition p = new SimPartition(s.nextId(), stored.name(), stored.values(), stored.temporary(), d);
        (stored.temporary() ? t.tempPartitions : t.partitions).put(p.name, p);
        s.createTablets(db, t, p, s.replicationNum(t.properties));
        s.log(SimBinlog.ADD_PARTITION, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.addPartition(seq, db.id, t.id, p.id, p.name, p.visibleVersion, d, p.temp,
                        text.addPartitionSql(t, stored, p.visibleVersion)));
    }

    /**
     * INSERT OVERWRITE as Doris 2.1+ runs it: a temporary partition per overwritten partition (same
     * bounds), the rows loaded into them, then a strict REPLACE PARTITION that keeps the old
     * names. On failure the temporary partitions are dropped and nothing changes.
     */
    void overwrite(SimDatabase db, SimTable t, List<String> parts, DataOps data, List<Map<String, String>> rows) {
        List<String> names = parts == null ? new ArrayList<>(t.partitions.keySet()) : parts;
        List<String> temps = new ArrayList<>();
        try {
            for (String n : names) {
                SimPartition like = Optional.ofNullable(t.partitions.get(n))
                        .orElseThrow(() -> SimException.analysis("Partition[" + n + "] does not exist"));
                String temp = n + "_" + s.nextId();
                addResolved(db, t, new PartitionDef(temp, like.values, true, Map.of()), like.distribution);
                temps.add(temp);
            }
            data.insert(db, t, rows, temps, true);
        } catch (SimException e) {
            for (String temp : temps) {
                dropPartition(db, t, temp, true, true, true);
            }
            throw e;
        }
        replacePartitions(db, t, names, temps, true, false);
    }

    void dropPartition(SimDatabase db, SimTable t, String name, boolean temp, boolean ifExists, boolean force) {
        Map<String, SimPartition> m = temp ? t.tempPartitions : t.partitions;
        SimPartition p = m.get(name);
        if (p == null) {
            if (ifExists) {
                return;
            }
            throw SimException.analysis("Error in list of partitions to " + name);
        }
        if (!temp && t.partitions.size() == 1 && t.def.partitionBy().kind() == PartitionBy.Kind.NONE) {
            throw SimException.analysis("Cannot drop the partition of an unpartitioned table");
        }
        m.remove(name);
        if (force || temp) {
            s.dropTablets(p);
        } else {
            s.parkTablets(p);
            t.recycledPartitions.add(p);
        }
        String sql = "DROP " + (temp ? "TEMPORARY " : "") + "PARTITION `" + name + "`" + (force ? " FORCE" : "");
        long seq = s.log(SimBinlog.DROP_PARTITION, db, List.of(t), s.ddlTimestamp(),
                q -> s.payloads.dropPartition(db.id, t.id, p.id, name, temp, force, sql));
        s.journal.droppedPartition(db.id, p.id, seq);
    }

    void renamePartition(SimDatabase db, SimTable t, String oldName, String newName) {
        SimPartition p = t.partitions.remove(oldName);
        if (p == null) {
            throw SimException.analysis("Partition[" + oldName + "] does not exist");
        }
        p.name = newName;
        t.partitions.put(newName, p);
        s.log(SimBinlog.RENAME_PARTITION, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.tableInfo(db.id, t.id, -1, p.id, "", "", "", "", newName, oldName));
    }

    /** Replaces partitions with temporary ones (new data, the old partitions dropped). */
    void replacePartitions(SimDatabase db, SimTable t, List<String> parts, List<String> temps, boolean strict,
            boolean useTempName) {
        List<SimPartition> olds = new ArrayList<>();
        for (String n : parts) {
            olds.add(Optional.ofNullable(t.partitions.get(n)).orElseThrow(
                    () -> SimException.analysis("Partition[" + n + "] does not exist")));
        }
        List<SimPartition> news = new ArrayList<>();
        for (String n : temps) {
            news.add(Optional.ofNullable(t.tempPartitions.get(n)).orElseThrow(
                    () -> SimException.analysis("Temp partition[" + n + "] does not exist")));
        }
        for (SimPartition o : olds) {
            t.partitions.remove(o.name);
            s.dropTablets(o);
        }
        for (int i = 0; i < news.size(); i++) {
            SimPartition n = news.get(i);
            t.tempPartitions.remove(n.name);
            String name = useTempName || i >= olds.size() ? n.name : olds.get(i).name;
            SimPartition moved = new SimPartition(n.id, name, n.values, false, n.distribution);
            moved.visibleVersion = n.visibleVersion;
            moved.tablets.putAll(n.tablets);
            t.partitions.put(name, moved);
        }
        long version = news.isEmpty() ? 1 : news.get(0).visibleVersion;
        long seq = s.log(SimBinlog.REPLACE_PARTITIONS, db, List.of(t), s.ddlTimestamp(),
                q -> s.payloads.replacePartitions(db.id, db.name, t.id, t.name, parts, temps, strict, useTempName,
                        version, s.nowMs()));
        olds.forEach(o -> s.journal.droppedPartition(db.id, o.id, seq));
    }

    /** TRUNCATE: the partitions get new ids and no data. */
    void truncate(SimDatabase db, SimTable t, List<String> parts) {
        List<String> names = parts.isEmpty() ? new ArrayList<>(t.partitions.keySet()) : parts;
        List<Long> oldIds = new ArrayList<>();
        for (String n : names) {
            SimPartition old = Optional.ofNullable(t.partitions.get(n)).orElseThrow(
                    () -> SimException.analysis("Partition[" + n + "] does not exist"));
            oldIds.add(old.id);
            s.dropTablets(old);
            SimPartition fresh = new SimPartition(s.nextId(), old.name, old.values, false, old.distribution);
            t.partitions.put(n, fresh);
            s.createTablets(db, t, fresh, s.replicationNum(t.properties));
        }
        String raw = parts.isEmpty() ? "" : "PARTITIONS (" + String.join(", ", parts) + ")";
        long seq = s.log(SimBinlog.TRUNCATE_TABLE, db, List.of(t), s.ddlTimestamp(),
                q -> s.payloads.truncate(db.id, db.name, t.id, t.name, parts.isEmpty(), raw));
        oldIds.forEach(id -> s.journal.droppedPartition(db.id, id, seq));
    }

    /**
     * REPLACE WITH TABLE: {@code t} takes {@code other}'s content; with swap, other takes t's name;
     * without, t goes to the recycle bin (RECOVER TABLE brings it back) unless FORCE, as Doris's
     * replaceTableInternal does.
     */
    void replaceTable(SimDatabase db, SimTable t, SimTable other, boolean swap, boolean force) {
        String origName = t.name;
        String otherName = other.name;
        db.tables.remove(origName);
        db.tables.remove(otherName);
        setName(other, origName);
        db.tables.put(origName, other);
        if (swap) {
            setName(t, otherName);
            db.tables.put(otherName, t);
        } else if (force) {
            for (SimPartition p : t.allPartitions()) {
                s.dropTablets(p);
            }
        } else {
            t.allPartitions().forEach(s::parkTablets);
            db.recycleBin.remove(t.id);
            db.recycleBin.put(t.id, t);
        }
        long seq = s.log(SimBinlog.REPLACE_TABLE, db, List.of(t), s.ddlTimestamp(),
                q -> s.payloads.replaceTable(db.id, t.id, origName, other.id, otherName, swap, force));
        if (!swap) {
            s.journal.droppedTable(db.id, t.id, seq);
        }
    }
}
