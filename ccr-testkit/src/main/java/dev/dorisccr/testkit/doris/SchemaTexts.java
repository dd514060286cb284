package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.mysql.QueryHandler;
import java.util.function.Function;

/** The default SQL rendering and SQL surface of the simulator (wired to the SQL package). */
final class SchemaTexts {
    private SchemaTexts() {}

    static final CatalogOps.SchemaText DEFAULT = new CatalogOps.SchemaText() {
        @Override
        public String createTable(dev.dorisccr.testkit.schema.TableDef def) {
            return "CREATE TABLE `" + def.name().replace("`", "``") + "` (...)";
        }

        @Override
        public String addPartitionSql(SimTable table, dev.dorisccr.testkit.schema.PartitionDef p, long version) {
            return "ADD PARTITION `" + p.name().replace("`", "``") + "`";
        }
    };

    static final Function<FakeDorisCluster, QueryHandler> SQL_HANDLER = null;
}
