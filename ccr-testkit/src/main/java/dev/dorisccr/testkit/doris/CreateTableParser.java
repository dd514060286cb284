package dev.dorisccr.testkit.doris;

import dev.dorisccr.core.ddl.lex.Token;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses Doris {@code CREATE TABLE} (and the column / partition pieces ALTER TABLE reuses). */
final class CreateTableParser {
    static final int AUTO_BUCKETS = 10;
    private static final Set<String> AGGREGATIONS = Set.of("SUM", "MAX", "MIN", "REPLACE", "REPLACE_IF_NOT_NULL",
            "HLL_UNION", "BITMAP_UNION", "QUANTILE_UNION", "GENERIC");

    private CreateTableParser() {}

    /** After {@code CREATE TABLE [IF NOT EXISTS] name}: the rest of the statement. */
    static TableDef parseBody(SqlCursor c, String name) {
        c.punct('(');
        List<ColumnDef> cols = new ArrayList<>();
        List<IndexDef> indexes = new ArrayList<>();
        do {
            if (c.peekPunct(')') && !cols.isEmpty()) {
                break; // Doris accepts a trailing comma after the last column or index
            }
            if (c.peekWord("INDEX")) {
                indexes.add(index(c));
            } else {
                cols.add(column(c));
            }
        } while (c.acceptPunct(','));
        c.punct(')');
        if (c.acceptWord("ENGINE")) {
            c.punct('=');
            String engine = c.name();
            if (!engine.equalsIgnoreCase("OLAP")) {
                throw c.syntax("only ENGINE=OLAP is simulated");
            }
        }
        KeysType keys = KeysType.DUP_KEYS;
        List<String> keyCols = List.of();
        for (KeysType k : KeysType.values()) {
            String[] words = k.sql().split(" ");
            if (c.acceptWord(words)) {
                keys = k;
                keyCols = c.nameList();
            }
        }
        String comment = "";
        if (c.acceptWord("COMMENT")) {
            comment = c.string();
        }
        PartitionBy pb = PartitionBy.none();
        if (c.acceptWord("AUTO", "PARTITION", "BY")) {
            pb = autoPartitionBy(c);
        } else if (c.acceptWord("PARTITION", "BY")) {
            pb = partitionBy(c);
        }
        if (!c.acceptWord("DISTRIBUTED", "BY")) {
            throw c.syntax("expected DISTRIBUTED BY");
        }
        DistributionDesc dist = distribution(c);
        List<RollupDef> rollups = new ArrayList<>();
        if (c.acceptWord("ROLLUP")) {
            c.punct('(');
            do {
                String r = c.name();
                rollups.add(new RollupDef(r, c.nameList()));
            } while (c.acceptPunct(','));
            c.punct(')');
        }
        Map<String, String> props = new LinkedHashMap<>();
        if (c.acceptWord("PROPERTIES")) {
            props.putAll(c.properties());
        }
        c.expectEnd();
        List<ColumnDef> marked = new ArrayList<>();
        for (ColumnDef col : cols) {
            boolean isKey = keyCols.stream().anyMatch(k -> k.equalsIgnoreCase(col.name()));
            marked.add(isKey ? col.withKey(true) : col);
        }
        for (String k : keyCols) {
            if (cols.stream().noneMatch(x -> x.name().equalsIgnoreCase(k))) {
                throw new SimException("ANALYSIS_ERROR", 1054, "Key column[" + k + "] doesn't exist");
            }
        }
        return new TableDef(name, marked, keys, keyCols, comment, pb, dist, rollups, indexes, props);
    }

    static DistributionDesc distribution(SqlCursor c) {
        DistributionDesc.Kind kind;
        List<String> cols = List.of();
        if (c.acceptWord("HASH")) {
            kind = DistributionDesc.Kind.HASH;
            cols = c.nameList();
        } else if (c.acceptWord("RANDOM")) {
            kind = DistributionDesc.Kind.RANDOM;
        } else {
            throw c.syntax("expected HASH or RANDOM");
        }
        int buckets = AUTO_BUCKETS;
        boolean auto = false;
        if (c.acceptWord("BUCKETS")) {
            if (c.acceptWord("AUTO")) {
                auto = true;
            } else {
                buckets = (int) c.number();
            }
        }
        return new DistributionDesc(kind, cols, buckets, auto);
    }

    static ColumnDef column(SqlCursor c) {
        String name = c.name();
        String type = type(c);
        boolean key = c.acceptWord("KEY");
        String agg = "";
        Token t = c.peek();
        if (t != null && t.kind() == dev.dorisccr.core.ddl.lex.TokenKind.WORD
                && AGGREGATIONS.contains(t.text().toUpperCase(Locale.ROOT))) {
            agg = c.next().text().toUpperCase(Locale.ROOT);
        }
        boolean nullable = true;
        Optional<String> def = Optional.empty();
        boolean defNull = false;
        String comment = "";
        while (true) {
            if (c.acceptWord("NOT", "NULL")) {
                nullable = false;
            } else if (c.acceptWord("NULL")) {
                nullable = true;
            } else if (c.acceptWord("AUTO_INCREMENT")) {
                if (c.acceptPunct('(')) {
                    c.number();
                    c.punct(')');
                }
            } else if (c.acceptWord("DEFAULT")) {
                if (c.acceptWord("NULL")) {
                    defNull = true;
                } else if (c.peekWord("CURRENT_TIMESTAMP")) {
                    def = Optional.of(c.next().text());
                } else {
                    def = Optional.ofNullable(c.literal());
                }
            } else if (c.acceptWord("COMMENT")) {
                comment = c.string();
            } else {
                break;
            }
        }
        return new ColumnDef(name, type, nullable, key, agg, def, defNull, comment);
    }

    /** A type: {@code INT}, {@code VARCHAR(20)}, {@code DECIMAL(10, 2)}, {@code ARRAY<INT>}, {@code MAP<STRING,INT>}. */
    static String type(SqlCursor c) {
        StringBuilder sb = new StringBuilder(c.name().toUpperCase(Locale.ROOT));
        if (c.peekPunct('<')) {
            int depth = 0;
            do {
                Token t = c.next();
                if (t.isPunctuation('<')) {
                    depth++;
                } else if (t.isPunctuation('>')) {
                    depth--;
                }
                // a STRUCT field name (before ':') keeps its case; type names are upper case
                sb.append(!t.isName() ? t.text() : c.peekPunct(':') ? t.value() : t.value().toUpperCase(Locale.ROOT));
            } while (depth > 0);
        } else if (c.acceptPunct('(')) {
            sb.append('(').append(c.number());
            while (c.acceptPunct(',')) {
                sb.append(", ").append(c.number());
            }
            c.punct(')');
            sb.append(')');
        }
        return sb.toString();
    }

    static IndexDef index(SqlCursor c) {
        c.word("INDEX");
        c.acceptWord("IF", "NOT", "EXISTS");
        String name = c.name();
        List<String> cols = c.nameList();
        String type = "INVERTED";
        if (c.acceptWord("USING")) {
            type = c.name().toUpperCase(Locale.ROOT);
        }
        Map<String, String> props = Map.of();
        if (c.acceptWord("PROPERTIES")) {
            props = c.properties();
        }
        String comment = "";
        if (c.acceptWord("COMMENT")) {
            comment = c.string();
        }
        return new IndexDef(name, cols, type, props, comment);
    }

    static PartitionBy partitionBy(SqlCursor c) {
        PartitionBy.Kind kind;
        if (c.acceptWord("RANGE")) {
            kind = PartitionBy.Kind.RANGE;
        } else if (c.acceptWord("LIST")) {
            kind = PartitionBy.Kind.LIST;
        } else {
            throw c.syntax("expected RANGE or LIST");
        }
        List<String> cols = c.nameList();
        return new PartitionBy(kind, cols, partitionList(c));
    }

    /**
     * After {@code AUTO PARTITION BY}: {@code RANGE (date_trunc(`col`, 'unit')) (...)} (the
     * parentheses around the call are optional, as in Doris) or {@code LIST (`col`, ...) (...)}.
     */
    static PartitionBy autoPartitionBy(SqlCursor c) {
        if (c.acceptWord("LIST")) {
            List<String> cols = c.nameList();
            return new PartitionBy(PartitionBy.Kind.LIST, cols, partitionList(c), true, "");
        }
        if (!c.acceptWord("RANGE")) {
            throw c.syntax("expected RANGE or LIST");
        }
        boolean paren = c.acceptPunct('(');
        String fn = c.name();
        if (!fn.equalsIgnoreCase("date_trunc")) {
            // Doris also takes date_floor / date_ceil with an interval; the simulator models date_trunc
            throw SimException.analysis("auto create partition only support function call expr is "
                    + "date_trunc/date_floor/date_ceil. " + fn + "(...)");
        }
        c.punct('(');
        String col = c.name();
        c.punct(',');
        String unit = c.string().toLowerCase(Locale.ROOT);
        c.punct(')');
        if (paren) {
            c.punct(')');
        }
        if (!PartitionBy.TIME_UNITS.contains(unit)) {
            throw SimException.analysis("date_trunc function time unit param only support argument is "
                    + "year|quarter|month|week|day|hour|minute|second");
        }
        return new PartitionBy(PartitionBy.Kind.RANGE, List.of(col), partitionList(c), true, unit);
    }

    private static List<PartitionDef> partitionList(SqlCursor c) {
        c.punct('(');
        List<PartitionDef> parts = new ArrayList<>();
        if (!c.peekPunct(')')) {
            do {
                c.word("PARTITION");
                parts.add(partition(c, false));
            } while (c.acceptPunct(','));
        }
        c.punct(')');
        return parts;
    }

    /** After {@code PARTITION} [{@code IF NOT EXISTS}]: {@code name VALUES ... [("k"="v")]}. */
    static PartitionDef partition(SqlCursor c, boolean temporary) {
        c.acceptWord("IF", "NOT", "EXISTS");
        String name = c.name();
        PartitionValues v = new PartitionValues.Unpartitioned();
        if (c.acceptWord("VALUES")) {
            v = values(c);
        }
        Map<String, String> props = Map.of();
        if (c.peekPunct('(')) {
            props = c.properties();
        }
        return new PartitionDef(name, v, temporary, props);
    }

    private static PartitionValues values(SqlCursor c) {
        if (c.acceptWord("LESS", "THAN")) {
            if (c.acceptWord("MAXVALUE")) {
                return new PartitionValues.LessThan(List.of("MAXVALUE"));
            }
            return new PartitionValues.LessThan(tuple(c));
        }
        if (c.acceptPunct('[')) {
            List<String> lower = tuple(c);
            c.punct(',');
            List<String> upper = tuple(c);
            c.punct(')');
            return new PartitionValues.Fixed(lower, upper);
        }
        if (c.acceptWord("IN")) {
            c.punct('(');
            List<List<String>> items = new ArrayList<>();
            do {
                if (c.peekPunct('(')) {
                    items.add(tuple(c));
                } else {
                    items.add(List.of(String.valueOf(c.literal())));
                }
            } while (c.acceptPunct(','));
            c.punct(')');
            return new PartitionValues.In(items);
        }
        throw c.syntax("expected LESS THAN, [..) or IN");
    }

    private static List<String> tuple(SqlCursor c) {
        c.punct('(');
        List<String> out = new ArrayList<>();
        if (c.acceptPunct(')')) {
            return out;
        }
        do {
            if (c.acceptWord("MAXVALUE")) {
                out.add("MAXVALUE");
            } else {
                out.add(String.valueOf(c.literal()));
            }
        } while (c.acceptPunct(','));
        c.punct(')');
        return out;
    }
}
