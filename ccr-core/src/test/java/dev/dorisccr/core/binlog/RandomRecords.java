package dev.dorisccr.core.binlog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/** Test-only: seeded random records of every type, with awkward names and extreme numbers. */
final class RandomRecords {
    private static final String[] NAMES = {
        "", "t1", "p20240603", "user_id", "名字", "表_テーブル", "emoji_\uD83D\uDE00", "back`tick", "``", "quote\"d",
        "back\\slash", "new\nline", "tab\there", "sp ace", "a'b", "DROP TABLE `x`; --", "\u0000nul", "x".repeat(300)
    };

    private final Random random;

    RandomRecords(long seed) {
        this.random = new Random(seed);
    }

    BinlogRecord next(BinlogType type) {
        return switch (type) {
            case UPSERT -> new UpsertRecord(id(), id(), anyLong(), name(), id(), upsertTables(), ids());
            case ADD_PARTITION -> new AddPartitionRecord(
                    id(), id(), id(),
                    new AddPartitionRecord.Partition(id(), name(), anyLong(), optional(this::distribution)),
                    bool(), bool(), bool(), name());
            case CREATE_TABLE -> new CreateTableRecord(id(), id(), name(), id(), name(), name(), name());
            case DROP_PARTITION -> new DropPartitionRecord(
                    id(), id(), id(), name(), bool(), bool(), anyLong(), name(), anyLong(), anyLong());
            case DROP_TABLE -> new DropTableRecord(id(), id(), id(), name(), name());
            case ALTER_JOB -> new AlterJobRecord(
                    name(), id(), id(), name(), id(), name(), name(), idMap(), id(), name(), id(), name());
            case MODIFY_TABLE_ADD_OR_DROP_COLUMNS -> new ModifyTableAddOrDropColumnsRecord(
                    id(), id(), id(), schemas(), indexes(), name());
            case DUMMY -> new DummyRecord(id());
            case ALTER_DATABASE_PROPERTY -> new AlterDatabasePropertyRecord(id(), name(), props());
            case MODIFY_TABLE_PROPERTY -> new ModifyTablePropertyRecord(
                    id(), id(), name(), name(), name(), props(), name());
            case BARRIER -> new BarrierRecord(id(), name(), id(), name(), -1, "");
            case MODIFY_PARTITIONS -> new ModifyPartitionsRecord(list(this::partitionChange));
            case REPLACE_PARTITIONS -> new ReplacePartitionsRecord(
                    id(), name(), id(), name(), names(), names(), bool(), bool(), anyLong(), anyLong(), bool());
            case TRUNCATE_TABLE -> new TruncateTableRecord(id(), name(), id(), name(), bool(), name());
            case RENAME_TABLE -> new RenameTableRecord(
                    id(), id(), id(), id(), name(), name(), name(), name(), name(), name());
            case RENAME_COLUMN -> new RenameColumnRecord(id(), id(), name(), name(), idMap());
            case MODIFY_COMMENT -> new ModifyCommentRecord(name(), id(), id(), props(), name());
            case MODIFY_VIEW_DEF -> new ModifyViewDefRecord(id(), id(), name(), anyLong(), list(this::column));
            case REPLACE_TABLE -> new ReplaceTableRecord(id(), id(), name(), id(), name(), bool(), bool());
            case MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES -> new ModifyTableAddOrDropInvertedIndicesRecord(
                    id(), id(), bool(), name(), indexes(), indexes());
            case INDEX_CHANGE_JOB -> new IndexChangeJobRecord(
                    id(), id(), name(), id(), name(), name(), name(), anyLong(), anyLong(), bool(), id(), anyLong(),
                    indexes());
            case RENAME_ROLLUP -> new RenameRollupRecord(id(), id(), id(), name(), name());
            case RENAME_PARTITION -> new RenamePartitionRecord(id(), id(), id(), name(), name());
            case DROP_ROLLUP -> new DropRollupRecord(id(), id(), name(), id(), name(), bool());
            case RECOVER_INFO -> new RecoverInfoRecord(id(), name(), id(), name(), name(), id(), name(), name());
            case MODIFY_DISTRIBUTION_BUCKET_NUM -> new ModifyDistributionBucketNumRecord(
                    id(), id(), anyLong(), name(), bool(), name());
            case MODIFY_DISTRIBUTION_TYPE -> new ModifyDistributionTypeRecord(id(), id());
            case UNKNOWN -> throw new IllegalArgumentException("no record for UNKNOWN");
        };
    }

    private Map<Long, UpsertRecord.TableRecord> upsertTables() {
        Map<Long, UpsertRecord.TableRecord> tables = new LinkedHashMap<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            tables.put(key(), new UpsertRecord.TableRecord(
                    list(() -> new UpsertRecord.PartitionRecord(id(), name(), anyLong(), bool(), id())), ids()));
        }
        return tables;
    }

    private DistributionInfo distribution() {
        boolean hash = bool();
        return new DistributionInfo(
                hash ? "HASH" : "RANDOM",
                random.nextInt(1000),
                bool(),
                hash ? names() : List.of(),
                random.nextBoolean() ? "" : "CRC32");
    }

    private ModifyPartitionsRecord.PartitionChange partitionChange() {
        return new ModifyPartitionsRecord.PartitionChange(
                id(), id(), id(), name(), bool(), bool(),
                optional(() -> new ModifyPartitionsRecord.DataProperty(name(), anyLong(), name(), bool())),
                name(), props());
    }

    private Map<Long, List<Column>> schemas() {
        Map<Long, List<Column>> schemas = new LinkedHashMap<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            schemas.put(key(), list(this::column));
        }
        return schemas;
    }

    private List<IndexDef> indexes() {
        return list(() -> new IndexDef(id(), name(), names(), name(), props(), name(), ids()));
    }

    private Column column() {
        return new Column(name());
    }

    private <T> List<T> list(Supplier<T> item) {
        List<T> items = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            items.add(item.get());
        }
        return items;
    }

    private <T> Optional<T> optional(Supplier<T> value) {
        return random.nextBoolean() ? Optional.of(value.get()) : Optional.empty();
    }

    private List<String> names() {
        return list(this::name);
    }

    private List<Long> ids() {
        return list(this::id);
    }

    private Map<Long, Long> idMap() {
        Map<Long, Long> map = new LinkedHashMap<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            map.put(key(), id());
        }
        return map;
    }

    private Map<String, String> props() {
        Map<String, String> map = new LinkedHashMap<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            map.put(name(), name());
        }
        return map;
    }

    private String name() {
        return NAMES[random.nextInt(NAMES.length)];
    }

    private boolean bool() {
        return random.nextBoolean();
    }

    private long key() {
        return random.nextBoolean() ? random.nextInt(100_000) : Long.MAX_VALUE - random.nextInt(10);
    }

    private long id() {
        return switch (random.nextInt(5)) {
            case 0 -> -1L;
            case 1 -> 0L;
            case 2 -> Long.MAX_VALUE;
            default -> random.nextInt(1_000_000);
        };
    }

    private long anyLong() {
        return switch (random.nextInt(4)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> -1L;
            default -> random.nextLong();
        };
    }
}
