package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.mysql.QueryHandler;
import java.util.function.Function;

/** The default SQL rendering and SQL surface of the simulator (wired to the SQL package). */
final class SchemaTexts {
    private SchemaTexts() {}

    static final CatalogOps.SchemaText DEFAULT = DorisText.INSTANCE;

    static final Function<FakeDorisCluster, QueryHandler> SQL_HANDLER = SimSqlHandler::new;
}
