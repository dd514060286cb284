package dev.dorisccr.core.ddl.render;

import dev.dorisccr.core.ddl.QualifiedName;
import java.util.List;
import java.util.Map;

/**
 * Statements that hand target tables back to their users after a job is deleted or the roles
 * swap: {@code ALTER TABLE `db`.`t` SET ("is_being_synced" = "false")}. Doris resumes dynamic
 * partitioning on each table; erased properties (storage_policy, colocate_with) stay erased.
 *
 * <pre>{@code
 * for (Sql sql : DesyncStatements.forTables(targets)) { targetFe.execute(sql); }
 * }</pre>
 */
public final class DesyncStatements {
    private DesyncStatements() {}

    /** The desync statement for one table. */
    public static Sql forTable(QualifiedName table) {
        return Sql.of(new SqlBuilder().keyword("ALTER TABLE").name(table).keyword("SET")
                .properties(List.of(Map.entry("is_being_synced", "false")))
                .build());
    }

    /** One statement per table, in order; duplicates are dropped. */
    public static List<Sql> forTables(List<QualifiedName> tables) {
        return tables.stream().distinct().map(DesyncStatements::forTable).toList();
    }
}
