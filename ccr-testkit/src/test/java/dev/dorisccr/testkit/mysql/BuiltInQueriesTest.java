package dev.dorisccr.testkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltInQueriesTest {
    private final List<String> selected = new ArrayList<>();
    private final BuiltInQueries builtIns = new BuiltInQueries("5.7.99", (session, db) -> {
        selected.add(db);
        return QueryResult.ok();
    });
    private final Session session =
            new Session(7, "root", "127.0.0.1", Map.of(), BuiltInQueries.DEFAULTS);

    private QueryResult.ResultSet resultSet(String sql) {
        QueryResult r = builtIns.answer(session, sql).orElseThrow();
        assertThat(r).isInstanceOf(QueryResult.ResultSet.class);
        return (QueryResult.ResultSet) r;
    }

    @Test
    void connectorStyleVariableSelectUsesAliasesAndTypes() {
        QueryResult.ResultSet rs = resultSet("SELECT  @@session.auto_increment_increment AS "
                + "auto_increment_increment, @@character_set_client AS character_set_client, "
                + "@@init_connect AS init_connect");
        assertThat(rs.columns()).containsExactly(
                Column.bigint("auto_increment_increment"),
                Column.varchar("character_set_client"),
                Column.varchar("init_connect"));
        assertThat(rs.rows()).containsExactly(List.of("1", "utf8mb4", ""));
    }

    @Test
    void cliStyleSelectWithLimitAndDefaultLabel() {
        QueryResult.ResultSet rs = resultSet("select @@version_comment limit 1");
        assertThat(rs.columns().get(0).name()).isEqualTo("@@version_comment");
        assertThat(rs.rows()).hasSize(1);
    }

    @Test
    void unknownVariableIsError1193() {
        QueryResult r = builtIns.answer(session, "SELECT @@nope").orElseThrow();
        assertThat(r).isInstanceOfSatisfying(QueryResult.Error.class,
                e -> assertThat(e.code()).isEqualTo(1193));
    }

    @Test
    void setRecordsAssignmentsNullNamesAndIgnoresUserVariables() {
        assertThat(builtIns.answer(session, "SET character_set_results = NULL"))
                .contains(QueryResult.ok());
        assertThat(session.hasVariable("character_set_results")).isTrue();
        assertThat(session.variable("character_set_results")).isNull();
        builtIns.answer(session, "SET NAMES 'latin1' COLLATE latin1_swedish_ci");
        assertThat(session.variable("character_set_client")).isEqualTo("latin1");
        builtIns.answer(session, "SET @@session.sql_mode = 'A,B', wait_timeout=5, @x = 3");
        assertThat(session.variable("sql_mode")).isEqualTo("A,B");
        assertThat(session.variable("wait_timeout")).isEqualTo("5");
        assertThat(session.hasVariable("x")).isFalse();
        builtIns.answer(session, "SET autocommit=OFF ; SET GLOBAL Foo_Bar = 'v'");
        assertThat(session.variable("autocommit")).isEqualTo("0");
        assertThat(session.variable("FOO_BAR")).isEqualTo("v");
        builtIns.answer(session, "SET wait_timeout = DEFAULT");
        assertThat(session.variable("wait_timeout")).isEqualTo("28800");
    }

    @Test
    void showVariablesFiltersByLikeAndWhere() {
        assertThat(resultSet("SHOW VARIABLES LIKE 'character_set_c%'").rows())
                .containsExactly(List.of("character_set_client", "utf8mb4"),
                        List.of("character_set_connection", "utf8mb4"));
        assertThat(resultSet("SHOW SESSION VARIABLES WHERE Variable_name = 'wait_timeout' "
                + "OR Variable_name = 'license'").rows()).extracting(r -> r.get(0))
                .containsExactly("license", "wait_timeout");
        assertThat(resultSet("SHOW VARIABLES").rows()).hasSize(BuiltInQueries.DEFAULTS.size());
    }

    @Test
    void sessionFunctionsAndUse() {
        assertThat(resultSet("SELECT DATABASE()").rows()).containsExactly(
                Arrays.asList((String) null));
        assertThat(resultSet("SELECT CONNECTION_ID() AS id").rows())
                .containsExactly(List.of("7"));
        assertThat(resultSet("SELECT VERSION()").rows()).containsExactly(List.of("5.7.99"));
        assertThat(resultSet("select 1").rows()).containsExactly(List.of("1"));
        assertThat(resultSet("SHOW WARNINGS").rows()).isEmpty();
        assertThat(builtIns.answer(session, "USE `db1`")).contains(QueryResult.ok());
        assertThat(selected).containsExactly("`db1`");
    }

    @Test
    void otherStatementsAreLeftToTheHandler() {
        for (String sql : List.of("SHOW DATABASES", "SELECT @@x + 1", "SHOW PROC '/dbs'",
                "SELECT * FROM t", "USE a b")) {
            assertThat(builtIns.answer(session, sql)).as(sql).isEmpty();
        }
    }

    @Test
    void splitRespectsQuotesAndParentheses() {
        assertThat(BuiltInQueries.split("a='x,y', b=f(1,2), c=\"p;q\"", ','))
                .containsExactly("a='x,y'", " b=f(1,2)", " c=\"p;q\"");
        assertThat(BuiltInQueries.split("SET a=';' ; SET b=1", ';'))
                .containsExactly("SET a=';' ", " SET b=1");
    }
}
