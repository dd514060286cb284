package dev.dorisccr.core.ddl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import dev.dorisccr.core.ddl.rewrite.CreateTableRewriter;
import dev.dorisccr.core.ddl.rewrite.RewriteOptions;
import org.junit.jupiter.api.Test;

class ReplayStatementsTest {
    @Test
    void alterViewComesFromTheRewrittenCreateView() {
        RewriteOptions o = RewriteOptions.defaults().withTargetDatabase(Identifier.of("dst"))
                .withSourceDatabase(Identifier.of("src"));
        Sql create = CreateTableRewriter.rewrite("CREATE VIEW `v``1` AS SELECT id FROM `internal`.`src`.`t`", o);
        assertThat(ReplayStatements.alterView(create).text())
                .isEqualTo("ALTER VIEW `dst`.`v``1` AS SELECT id FROM `internal`.`dst`.`t`");
        assertThatThrownBy(() -> ReplayStatements.alterView(Sql.of("DROP VIEW v")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropRollupQuotesNames() {
        assertThat(ReplayStatements.dropRollup(QualifiedName.of("d", "t"), Identifier.of("r`1")).text())
                .isEqualTo("ALTER TABLE `d`.`t` DROP ROLLUP `r``1`");
    }
}
