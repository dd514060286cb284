package dev.dorisccr.core.ddl.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import dev.dorisccr.core.ddl.StringLiteral;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generates random CREATE TABLE shapes together with the text the rewriter must produce for
 * them, and compares. The seed is printed; set {@code -Dddl.seed=N} to replay one run.
 */
class RandomCreateTableTest {
    private static final int RUNS = 400;
    private static final String SYNCED = "\"is_being_synced\" = \"true\"";
    private static final String[] NAMES = {"t1", "orders", "`select`", "`a``b`", "`表_1`", "`with space`", "café"};
    private static final String[] LOOK_ALIKES = {
        "PROPERTIES (\"storage_policy\" = \"p\")", "BUCKETS AUTO", "CREATE TABLE x", "a`b", "colocate_with",
        "-- not a comment", "/* nor this */", "is_being_synced = false", "数据 ✓", "DISTRIBUTED BY RANDOM"};
    private static final String[] KEYS = {
        "replication_allocation", "light_schema_change", "storage_policy", "STORAGE_POLICY", "colocate_with",
        "is_being_synced", "dynamic_partition.enable", "dynamic_partition.storage_policy", "bloom_filter_columns"};

    @Test
    void randomShapesRewriteToTheExpectedText() {
        long seed = Long.getLong("ddl.seed", System.nanoTime());
        System.out.println("RandomCreateTableTest seed = " + seed + " (replay with -Dddl.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int run = 0; run < RUNS; run++) {
            Shape shape = Shape.random(random);
            String actual = CreateTableRewriter.rewrite(shape.source(), shape.options).text();
            assertThat(actual).as("seed %d run %d source:%n%s", seed, run, shape.source()).isEqualTo(shape.expected());
            String again = CreateTableRewriter.rewrite(actual, shape.options).text();
            assertThat(again).as("idempotent, seed %d run %d", seed, run).isEqualTo(actual);
            if (run == 0) {
                System.out.println("example source:\n" + shape.source() + "\nrewritten:\n" + actual);
            }
        }
    }

    /** One generated statement, as parts that are printed twice: as the source and as expected. */
    private static final class Shape {
        RewriteOptions options = RewriteOptions.defaults();
        String create;
        String sourceName;
        String expectedName;
        String body;
        String distribution;
        String expectedDistribution;
        String properties;
        String expectedProperties;
        String end;

        String source() {
            return create + sourceName + body + distribution + properties + end;
        }

        String expected() {
            return create + expectedName + body + expectedDistribution + expectedProperties + end;
        }

        static Shape random(Random r) {
            Shape s = new Shape();
            s.create = kw(r, "CREATE TABLE ") + (r.nextBoolean() ? kw(r, "IF NOT EXISTS ") : "");
            name(r, s);
            s.body = body(r);
            distribution(r, s);
            properties(r, s);
            s.end = pick(r, "", ";", ";\n", "\n", " -- done", "\n# done\n");
            if (s.expectedProperties.isEmpty()) {
                // the rewriter adds a block after the last significant token, before any ';'
                s.expectedProperties = "\nPROPERTIES (\n" + SYNCED + "\n)";
            }
            return s;
        }

        private static void name(Random r, Shape s) {
            String table = pick(r, NAMES);
            boolean qualified = r.nextBoolean();
            s.sourceName = qualified ? "`src`." + table : table;
            Identifier tableId = Identifier.of(unquote(table));
            if (r.nextBoolean()) {
                tableId = Identifier.of(pick(r, "t2", "copy`of", "目标"));
                s.options = s.options.withTargetTable(tableId);
            }
            if (r.nextBoolean()) {
                Identifier db = Identifier.of(pick(r, "dst", "d b", "库"));
                s.options = s.options.withTargetDatabase(db);
                s.expectedName = new QualifiedName(db, tableId).quoted();
            } else if (s.options.targetTable().isPresent()) {
                s.expectedName = qualified ? "`src`." + tableId.quoted() : tableId.quoted();
            } else {
                s.expectedName = s.sourceName;
            }
        }

        private static String body(Random r) {
            StringBuilder b = new StringBuilder(" (\n");
            b.append("  `k1` INT NULL COMMENT ").append(StringLiteral.of(pick(r, LOOK_ALIKES)).quoted()).append(",\n");
            b.append("  `properties` VARCHAR(20) DEFAULT 'it''s ").append(pick(r, "BUCKETS AUTO", "x")).append("'");
            b.append(pick(r, "", " -- " + pick(r, LOOK_ALIKES), " /* " + "storage_policy" + " */")).append('\n');
            b.append(") ").append(kw(r, "ENGINE=OLAP\nDUPLICATE KEY(`k1`)\n"));
            b.append(pick(r, "", kw(r, "COMMENT ") + "'" + "PROPERTIES ()" + "'\n"));
            switch (r.nextInt(3)) {
                case 0 -> b.append(kw(r, "PARTITION BY RANGE")).append("(`k1`)\n(PARTITION p1 VALUES [(\"1\"), (\"10\")),\n")
                        .append("PARTITION p2 VALUES LESS THAN (MAXVALUE))\n");
                case 1 -> b.append(kw(r, "PARTITION BY LIST")).append("(`k1`)\n(PARTITION p1 VALUES IN ((\"1\"), (\"2\")))\n");
                default -> { }
            }
            return b.toString();
        }

        private static void distribution(Random r, Shape s) {
            String by = kw(r, "DISTRIBUTED BY ") + (r.nextBoolean() ? kw(r, "HASH") + "(`k1`)" : kw(r, "RANDOM"));
            Integer buckets = r.nextBoolean() ? 1 + r.nextInt(64) : null;
            if (buckets != null) {
                s.options = s.options.withSourceBuckets(buckets);
            }
            switch (r.nextInt(3)) {
                case 0 -> {
                    s.distribution = by + " " + kw(r, "BUCKETS ") + kw(r, "AUTO");
                    s.expectedDistribution = buckets == null ? s.distribution
                            : s.distribution.substring(0, s.distribution.length() - 4) + buckets;
                }
                case 1 -> {
                    s.distribution = by + " " + kw(r, "BUCKETS ") + (1 + r.nextInt(9));
                    s.expectedDistribution = s.distribution;
                }
                default -> {
                    s.distribution = by;
                    s.expectedDistribution = buckets == null ? by : by + " BUCKETS " + buckets;
                }
            }
            String rollup = r.nextInt(4) == 0 ? "\n" + kw(r, "ROLLUP") + " (r1 (`k1`))" : "";
            s.distribution += rollup;
            s.expectedDistribution += rollup;
        }

        private static void properties(Random r, Shape s) {
            int shape = r.nextInt(6);
            if (shape == 0) {
                s.properties = "";
                s.expectedProperties = "";
                return;
            }
            String keyword = "\n" + kw(r, "PROPERTIES") + " ";
            if (shape == 1) {
                s.properties = keyword + "()";
                s.expectedProperties = keyword + "(" + SYNCED + ")";
                return;
            }
            boolean multiLine = r.nextBoolean();
            String sep = multiLine ? ",\n" : pick(r, ", ", ",  ", ",");
            List<String> pool = new ArrayList<>(List.of(KEYS));
            int n = 1 + r.nextInt(5);
            List<String> all = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            boolean synced = false;
            for (int i = 0; i < n; i++) {
                String key = pool.remove(r.nextInt(pool.size()));
                String value = key.startsWith("is_being") ? pick(r, "true", "false") : pick(r, LOOK_ALIKES);
                char q = r.nextBoolean() ? '"' : '\'';
                String keyText = q == '"' ? StringLiteral.of(key).quoted() : "'" + key + "'";
                String valueText = q == '"' ? StringLiteral.of(value).quoted() : "'" + value.replace("'", "''") + "'";
                all.add(keyText + " = " + valueText);
                String lower = key.toLowerCase(Locale.ROOT);
                if (CreateTableRewriter.ERASED_PROPERTIES.contains(lower)) {
                    continue;
                }
                if (lower.equals("is_being_synced")) {
                    synced = true;
                    kept.add(value.equals("true") ? keyText + " = " + valueText : keyText + " = \"true\"");
                } else {
                    kept.add(keyText + " = " + valueText);
                }
            }
            String open = multiLine ? "(\n" : "(";
            String close = multiLine ? "\n)" : ")";
            s.properties = keyword + open + String.join(sep, all) + close;
            if (kept.isEmpty()) {
                s.expectedProperties = keyword + open + SYNCED + close;
                return;
            }
            if (!synced) {
                String addSep = n >= 2 ? sep : (multiLine ? ",\n" : ", ");
                kept.set(kept.size() - 1, kept.get(kept.size() - 1) + addSep + SYNCED);
            }
            s.expectedProperties = keyword + open + String.join(sep, kept) + close;
        }

        private static String kw(Random r, String keyword) {
            return switch (r.nextInt(3)) {
                case 0 -> keyword.toLowerCase(Locale.ROOT);
                case 1 -> keyword;
                default -> mixedCase(r, keyword);
            };
        }

        private static String mixedCase(Random r, String s) {
            StringBuilder b = new StringBuilder(s.length());
            for (char c : s.toCharArray()) {
                b.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            return b.toString();
        }

        private static String unquote(String name) {
            return name.startsWith("`") ? name.substring(1, name.length() - 1).replace("``", "`") : name;
        }

        private static String pick(Random r, String... options) {
            return options[r.nextInt(options.length)];
        }
    }
}
