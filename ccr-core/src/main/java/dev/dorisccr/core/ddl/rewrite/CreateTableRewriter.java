package dev.dorisccr.core.ddl.rewrite;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.StringLiteral;
import dev.dorisccr.core.ddl.lex.Token;
import dev.dorisccr.core.ddl.lex.TokenKind;
import dev.dorisccr.core.ddl.render.Sql;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a source {@code CREATE TABLE} (the FE's SHOW CREATE TABLE / getDdlStmt text) or a
 * simple {@code CREATE VIEW} for the target cluster. Only the tokens a rule touches change; all
 * other text, comments and string literals included, is copied byte for byte.
 *
 * <p>Rules for tables: rename to the target database/table when the options say so; set
 * {@code "is_being_synced" = "true"} (overwrite or add, adding a PROPERTIES block if there is
 * none); erase {@code storage_policy}, {@code colocate_with} and
 * {@code dynamic_partition.storage_policy} from every property list; replace
 * {@code BUCKETS AUTO} with the source bucket count when given. Dynamic partition properties are
 * kept: Doris does not run the dynamic partition scheduler on a table while it is being synced,
 * and it resumes once the syncer sets {@code is_being_synced} to false.
 *
 * <pre>{@code
 * Sql target = CreateTableRewriter.rewrite(showCreateTable,
 *         RewriteOptions.defaults().withTargetDatabase(Identifier.of("dst")).withSourceBuckets(8));
 * }</pre>
 *
 * <p>Bad input fails with {@code MALFORMED_DDL}, whose message and context give the position.
 */
public final class CreateTableRewriter {
    /** The property the syncer owns on target tables. */
    public static final String IS_BEING_SYNCED = "is_being_synced";

    /** Properties that must not reach the target (the seed doc and FE restore erase them). */
    public static final Set<String> ERASED_PROPERTIES =
            Set.of("storage_policy", "colocate_with", "dynamic_partition.storage_policy");

    private static final String SYNCED_ENTRY =
            StringLiteral.of(IS_BEING_SYNCED).quoted() + " = " + StringLiteral.of("true").quoted();

    private CreateTableRewriter() {}

    /** Rewrites {@code sourceDdl}; see the class comment for the rules. */
    public static Sql rewrite(String sourceDdl, RewriteOptions options) {
        return rewriteWithNotes(sourceDdl, options).sql();
    }

    /** Like {@link #rewrite} and also says what changed and what could not be changed. */
    public static RewriteResult rewriteWithNotes(String sourceDdl, RewriteOptions options) {
        requireNonNull(sourceDdl, "sourceDdl is null");
        requireNonNull(options, "options is null");
        SignificantTokens s = SignificantTokens.of(sourceDdl);
        if (s.size() == 0) {
            throw s.error(0, "empty statement");
        }
        int end = statementEnd(s);
        s.expectWord(0, "CREATE");
        Edits edits = new Edits();
        List<String> notes = new ArrayList<>();
        int i = 1;
        boolean orReplace = s.isWord(i, "OR") && s.isWord(i + 1, "REPLACE");
        if (orReplace) {
            i += 2;
        }
        if (s.isWord(i, "VIEW")) {
            ViewRewriter.rewrite(s, i + 1, end, options, edits, notes);
        } else if (s.isWord(i, "TABLE") && !orReplace) {
            rewriteTable(s, i + 1, end, options, edits, notes);
        } else {
            throw s.error(i, "expected TABLE or VIEW" + s.describe(i));
        }
        return new RewriteResult(Sql.of(edits.apply(sourceDdl)), notes);
    }

    /** Index of the top-level {@code ;} (or the size); nothing significant may follow it. */
    private static int statementEnd(SignificantTokens s) {
        for (int i = 0; i < s.size(); i++) {
            if (s.isPunctuation(i, ';')) {
                if (i + 1 < s.size()) {
                    throw s.error(i + 1, "only one statement is allowed");
                }
                return i;
            }
        }
        return s.size();
    }

    private static void rewriteTable(
            SignificantTokens s, int at, int end, RewriteOptions options, Edits edits, List<String> notes) {
        int i = at;
        if (s.isWord(i, "IF")) {
            s.expectWord(i + 1, "NOT");
            s.expectWord(i + 2, "EXISTS");
            i += 3;
        }
        i = TableNames.rename(s, i, end, options, edits, notes) + 1;
        if (s.isWord(i, "LIKE")) {
            throw s.error(i, "CREATE TABLE ... LIKE is not supported by the rewriter");
        }
        Scan scan = scan(s, i, end);
        rewriteBuckets(s, scan, options, edits, notes);
        for (Group group : scan.groups) {
            Optional<PropertyList> list = PropertyList.parse(s, group.open(), group.close());
            if (group.open() == scan.tableProperties) {
                rewriteTableProperties(s, list, group.close(), edits, notes);
            } else {
                list.ifPresent(l -> eraseFromGroup(s, l, edits, notes));
            }
        }
        if (scan.tableProperties < 0) {
            notes.add("added a PROPERTIES block with " + IS_BEING_SYNCED);
            if (scan.as >= 0) {
                edits.insert(s.get(scan.as).start(), "PROPERTIES (\n" + SYNCED_ENTRY + "\n)\n");
            } else {
                edits.insert(s.get(end - 1).end(), "\nPROPERTIES (\n" + SYNCED_ENTRY + "\n)");
            }
        }
    }

    /** A parenthesized group: token indexes of its {@code (} and {@code )}. */
    private record Group(int open, int close) {}

    /** What a top-level scan of the table body found; indexes are significant-token indexes. */
    private static final class Scan {
        int distributionEnd = -1;
        int bucketsValue = -1;
        int tableProperties = -1;
        int as = -1;
        final List<Group> groups = new ArrayList<>();
    }

    private static Scan scan(SignificantTokens s, int from, int end) {
        Scan scan = new Scan();
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = from; i < end; i++) {
            Token t = s.get(i);
            if (t.isPunctuation('(') || t.isPunctuation('[')) {
                open.push(i);
            } else if (t.isPunctuation(')') || t.isPunctuation(']')) {
                // a range partition's half-open [lower, upper) closes '[' with ')'
                if (open.isEmpty()) {
                    throw s.error(i, "unbalanced '" + t.text() + "'");
                }
                int o = open.pop();
                if (s.isPunctuation(o, '(') && t.isPunctuation(')')) {
                    scan.groups.add(new Group(o, i));
                }
                if (open.isEmpty() && scan.distributionEnd == o - 1) {
                    scan.distributionEnd = i;
                }
            } else if (open.isEmpty()) {
                topLevel(s, i, end, scan);
            }
        }
        if (!open.isEmpty()) {
            throw s.error(open.peek(), "unbalanced '" + s.get(open.peek()).text() + "'");
        }
        return scan;
    }

    private static void topLevel(SignificantTokens s, int i, int end, Scan scan) {
        if (s.isWord(i, "DISTRIBUTED")) {
            s.expectWord(i + 1, "BY");
            if (s.isWord(i + 2, "RANDOM")) {
                scan.distributionEnd = i + 2;
            } else if (s.isWord(i + 2, "HASH") && s.isPunctuation(i + 3, '(')) {
                // the matching ')' ends the clause; scan() records it
                scan.distributionEnd = i + 2;
            } else {
                throw s.error(i + 2, "expected HASH(...) or RANDOM" + s.describe(i + 2));
            }
        } else if (s.isWord(i, "BUCKETS")) {
            if (i + 1 >= end || !(s.isWord(i + 1, "AUTO") || s.get(i + 1).kind() == TokenKind.NUMBER)) {
                throw s.error(i + 1, "expected a bucket count or AUTO" + s.describe(i + 1));
            }
            scan.bucketsValue = i + 1;
        } else if (s.isWord(i, "PROPERTIES") && s.isPunctuation(i + 1, '(') && !s.isWord(i - 1, "BROKER")) {
            scan.tableProperties = i + 1;
        } else if (s.isWord(i, "AS") && scan.as < 0) {
            scan.as = i;
        }
    }

    private static void rewriteBuckets(SignificantTokens s, Scan scan, RewriteOptions options, Edits edits,
            List<String> notes) {
        if (scan.bucketsValue >= 0) {
            Token value = s.get(scan.bucketsValue);
            if (value.isWord("AUTO")) {
                if (options.sourceBuckets().isPresent()) {
                    int n = options.sourceBuckets().getAsInt();
                    edits.replace(value.start(), value.end(), Integer.toString(n));
                    notes.add("BUCKETS AUTO -> BUCKETS " + n + " (source bucket count)");
                } else {
                    notes.add("kept BUCKETS AUTO: no source bucket count given, the target may pick another count");
                }
            }
        } else if (scan.distributionEnd >= 0 && options.sourceBuckets().isPresent()) {
            int n = options.sourceBuckets().getAsInt();
            edits.insert(s.get(scan.distributionEnd).end(), " BUCKETS " + n);
            notes.add("added BUCKETS " + n + " (source bucket count) to the distribution");
        }
    }

    private static void rewriteTableProperties(
            SignificantTokens s, Optional<PropertyList> parsed, int close, Edits edits, List<String> notes) {
        if (parsed.isEmpty()) {
            int open = close - 1;
            if (!s.isPunctuation(open, '(')) {
                throw s.error(open + 1, "PROPERTIES must be a list of \"key\" = \"value\"");
            }
            edits.insert(s.get(open).end(), SYNCED_ENTRY);
            notes.add("added " + IS_BEING_SYNCED + " = true");
            return;
        }
        PropertyList list = parsed.get();
        List<Integer> removed = erasable(list, notes);
        boolean present = false;
        for (PropertyList.Entry e : list.entries) {
            if (e.key().equalsIgnoreCase(IS_BEING_SYNCED)) {
                present = true;
                if (!e.valueToken().value().equalsIgnoreCase("true")) {
                    Token v = e.valueToken();
                    edits.replace(v.start(), v.end(), StringLiteral.of("true").quoted());
                    notes.add("set " + IS_BEING_SYNCED + " = true (was " + v.value() + ")");
                }
            }
        }
        boolean anyLeft = list.remove(removed, edits);
        if (!anyLeft) {
            edits.replace(list.entries.get(0).start(), list.entries.get(list.entries.size() - 1).end(),
                    SYNCED_ENTRY);
            notes.add("added " + IS_BEING_SYNCED + " = true");
        } else if (!present) {
            int lastKept = list.entries.size() - 1;
            while (removed.contains(lastKept)) {
                lastKept--;
            }
            boolean multiLine = s.source.substring(s.get(list.open).end(), list.entries.get(0).start()).contains("\n");
            String separator = list.separator(s.source).orElse(multiLine ? ",\n" : ", ");
            edits.insert(list.entries.get(lastKept).end(), separator + SYNCED_ENTRY);
            notes.add("added " + IS_BEING_SYNCED + " = true");
        }
    }

    private static void eraseFromGroup(SignificantTokens s, PropertyList list, Edits edits, List<String> notes) {
        List<Integer> removed = erasable(list, notes);
        if (!list.remove(removed, edits)) {
            // nothing left: drop the group, and its PROPERTIES keyword if it has one
            int first = s.isWord(list.open - 1, "PROPERTIES") ? list.open - 1 : list.open;
            edits.delete(s.get(first - 1).end(), s.get(list.close).end());
        }
    }

    private static List<Integer> erasable(PropertyList list, List<String> notes) {
        List<Integer> removed = new ArrayList<>();
        for (int k = 0; k < list.entries.size(); k++) {
            String key = list.entries.get(k).key().toLowerCase(Locale.ROOT);
            if (ERASED_PROPERTIES.contains(key)) {
                removed.add(k);
                notes.add("erased property " + key);
            }
        }
        return removed;
    }
}
