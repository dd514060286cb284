package dev.dorisccr.core.ddl.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.ddl.Identifier;
import org.junit.jupiter.api.Test;

class ViewRewriteTest {
    private static final RewriteOptions SRC_TO_DST = RewriteOptions.defaults()
            .withSourceDatabase(Identifier.of("src")).withTargetDatabase(Identifier.of("dst"));

    @Test
    void renamesTheViewAndPointsQualifiedReferencesAtTheTarget() {
        String sql = "CREATE VIEW `v` COMMENT 'reads src.t' AS SELECT `src`.`t`.`k`, x.src FROM "
                + "`internal`.`src`.`t` JOIN `default_cluster:src`.`u` x ON src.t.k = x.k -- src.t";
        RewriteResult r = CreateTableRewriter.rewriteWithNotes(sql, SRC_TO_DST);
        assertThat(r.sql().text()).isEqualTo("CREATE VIEW `dst`.`v` COMMENT 'reads src.t' AS SELECT `dst`.`t`.`k`, "
                + "x.src FROM `internal`.`dst`.`t` JOIN `dst`.`u` x ON `dst`.t.k = x.k -- src.t");
        assertThat(r.notes()).contains("pointed 4 reference(s) to database src at dst");
        assertThat(r.sql().text()).doesNotContain("is_being_synced");
    }

    @Test
    void withoutSourceDatabaseOnlyTheNameChanges() {
        String sql = "create or replace view if not exists src.v (a) as select k from src.t";
        assertThat(CreateTableRewriter.rewrite(sql, RewriteOptions.defaults().withTargetTable(Identifier.of("w"))).text())
                .isEqualTo("create or replace view if not exists `src`.`w` (a) as select k from src.t");
        assertThat(CreateTableRewriter.rewrite(sql, RewriteOptions.defaults()).text()).isEqualTo(sql);
    }
}
