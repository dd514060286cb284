package dev.dorisccr.testkit.mysql;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements every MySQL client sends for its own plumbing, answered without bothering the
 * handler: {@code SET ...}, {@code SELECT @@var [AS alias], ...}, {@code SHOW VARIABLES [LIKE]},
 * {@code SELECT DATABASE()/VERSION()/CONNECTION_ID()/USER()}, {@code SELECT 1}, {@code SHOW
 * WARNINGS} and {@code USE db}.
 */
final class BuiltInQueries {
    /** Session variables a new session starts with (what Connector/J and the CLI ask for). */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            entry("auto_increment_increment", "1"),
            entry("autocommit", "1"),
            entry("character_set_client", "utf8mb4"),
            entry("character_set_connection", "utf8mb4"),
            entry("character_set_results", "utf8mb4"),
            entry("character_set_server", "utf8mb4"),
            entry("collation_connection", "utf8mb4_general_ci"),
            entry("collation_server", "utf8mb4_general_ci"),
            entry("init_connect", ""),
            entry("interactive_timeout", "28800"),
            entry("license", "Apache License, Version 2.0"),
            entry("lower_case_table_names", "0"),
            entry("max_allowed_packet", "67108864"),
            entry("net_buffer_length", "16384"),
            entry("net_write_timeout", "60"),
            entry("performance_schema", "0"),
            entry("query_cache_size", "0"),
            entry("query_cache_type", "OFF"),
            entry("sql_mode", "STRICT_TRANS_TABLES"),
            entry("system_time_zone", "UTC"),
            entry("time_zone", "SYSTEM"),
            entry("transaction_isolation", "REPEATABLE-READ"),
            entry("tx_isolation", "REPEATABLE-READ"),
            entry("transaction_read_only", "0"),
            entry("tx_read_only", "0"),
            entry("wait_timeout", "28800"),
            entry("version_comment", "dorisccr testkit MySQL protocol server"));

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern SET = Pattern.compile("^SET\\s+(.*)$", FLAGS);
    private static final Pattern SET_NAMES =
            Pattern.compile("^NAMES\\s+('[^']*'|\"[^\"]*\"|\\w+)(?:\\s+COLLATE\\s+\\S+)?$", FLAGS);
    private static final Pattern SET_CHARSET =
            Pattern.compile("^CHAR(?:ACTER)?\\s+SET\\s+('[^']*'|\"[^\"]*\"|\\w+)$", FLAGS);
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^(?:(?:SESSION|LOCAL|GLOBAL)\\s+)?(?:@@(?:(?:SESSION|LOCAL|GLOBAL)\\.)?)?"
                    + "(\\w+)\\s*:?=\\s*(.*)$", FLAGS);
    private static final Pattern SELECT_VARIABLES =
            Pattern.compile("^SELECT\\s+(@@.*?)(?:\\s+LIMIT\\s+\\d+)?$", FLAGS);
    private static final Pattern VARIABLE_ITEM = Pattern.compile(
            "^@@(?:(SESSION|LOCAL|GLOBAL)\\.)?(\\w+)(?:\\s+(?:AS\\s+)?(\\w+|`[^`]+`))?$", FLAGS);
    private static final Pattern SHOW_VARIABLES = Pattern.compile(
            "^SHOW\\s+(?:(?:SESSION|LOCAL|GLOBAL)\\s+)?VARIABLES(?:\\s+(LIKE|WHERE)\\s+(.*))?$",
            FLAGS);
    private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.|'')*)'");
    private static final Pattern SELECT_FUNCTION = Pattern.compile(
            "^SELECT\\s+(DATABASE\\(\\)|SCHEMA\\(\\)|VERSION\\(\\)|CONNECTION_ID\\(\\)|USER\\(\\)"
                    + "|CURRENT_USER\\(\\)|CURRENT_USER|1)(?:\\s+(?:AS\\s+)?(\\w+|`[^`]+`))?"
                    + "(?:\\s+LIMIT\\s+\\d+)?$", FLAGS);
    private static final Pattern SHOW_WARNINGS =
            Pattern.compile("^SHOW\\s+(WARNINGS|ERRORS)(?:\\s+LIMIT\\s+.*)?$", FLAGS);
    private static final Pattern USE = Pattern.compile("^USE\\s+(\\S+)$", FLAGS);
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private final String serverVersion;
    private final BiFunction<Session, String, QueryResult> selectDatabase;
    private final Map<String, String> defaults;
    private final boolean withDefaults;

    BuiltInQueries(String serverVersion, BiFunction<Session, String, QueryResult> selectDatabase) {
        this(serverVersion, selectDatabase, DEFAULTS, false);
    }

    /**
     * @param defaults the variables sessions start with ({@code SET x = DEFAULT}, SHOW VARIABLES'
     *     Default_Value)
     * @param withDefaults SHOW VARIABLES answers Doris's Default_Value and Changed columns too
     */
    BuiltInQueries(String serverVersion, BiFunction<Session, String, QueryResult> selectDatabase,
            Map<String, String> defaults, boolean withDefaults) {
        this.serverVersion = serverVersion;
        this.selectDatabase = selectDatabase;
        this.defaults = Map.copyOf(defaults);
        this.withDefaults = withDefaults;
    }

    /** The built-in answer, or empty if the handler must answer. */
    Optional<QueryResult> answer(Session session, String sql) {
        Matcher m = SET.matcher(sql);
        if (m.matches()) {
            return Optional.of(set(session, sql, defaults));
        }
        m = SELECT_VARIABLES.matcher(sql);
        if (m.matches()) {
            return selectVariables(session, m.group(1));
        }
        m = SHOW_VARIABLES.matcher(sql);
        if (m.matches()) {
            return Optional.of(showVariables(session, m.group(1), m.group(2)));
        }
        m = SELECT_FUNCTION.matcher(sql);
        if (m.matches()) {
            return Optional.of(selectFunction(session, m.group(1), m.group(2)));
        }
        if (SHOW_WARNINGS.matcher(sql).matches()) {
            return Optional.of(QueryResult.resultSet(Column.varchar("Level"),
                    Column.of("Code", ColumnType.INT), Column.varchar("Message")).build());
        }
        m = USE.matcher(sql);
        if (m.matches()) {
            return Optional.of(selectDatabase.apply(session, m.group(1)));
        }
        return Optional.empty();
    }

    private static QueryResult set(Session session, String sql, Map<String, String> defaults) {
        for (String statement : split(sql, ';')) {
            Matcher m = SET.matcher(statement.strip());
            if (!m.matches()) {
                continue;
            }
            for (String item : split(m.group(1), ',')) {
                apply(session, item.strip(), defaults);
            }
        }
        return QueryResult.ok();
    }

    private static void apply(Session session, String item, Map<String, String> defaults) {
        Matcher m = SET_NAMES.matcher(item);
        if (m.matches()) {
            String charset = Statements.unquoteString(m.group(1));
            session.setVariable("character_set_client", charset);
            session.setVariable("character_set_connection", charset);
            session.setVariable("character_set_results", charset);
            return;
        }
        m = SET_CHARSET.matcher(item);
        if (m.matches()) {
            String charset = Statements.unquoteString(m.group(1));
            session.setVariable("character_set_client", charset);
            session.setVariable("character_set_results", charset);
            return;
        }
        m = ASSIGNMENT.matcher(item);
        if (m.matches()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2).strip();
            if (value.equalsIgnoreCase("NULL")) {
                session.setVariable(name, null);
            } else if (value.equalsIgnoreCase("DEFAULT")) {
                session.setVariable(name, defaults.getOrDefault(name, ""));
            } else if (value.equalsIgnoreCase("ON") || value.equalsIgnoreCase("TRUE")) {
                session.setVariable(name, "1");
            } else if (value.equalsIgnoreCase("OFF") || value.equalsIgnoreCase("FALSE")) {
                session.setVariable(name, "0");
            } else {
                session.setVariable(name, Statements.unquoteString(value));
            }
        }
        // User variables (@x = ...) and SET TRANSACTION ... are accepted and ignored.
    }

    private static Optional<QueryResult> selectVariables(Session session, String list) {
        List<Column> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (String item : split(list, ',')) {
            Matcher m = VARIABLE_ITEM.matcher(item.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            String name = m.group(2).toLowerCase(Locale.ROOT);
            if (!session.hasVariable(name)) {
                return Optional.of(QueryResult.error(
                        QueryResult.Error.ER_UNKNOWN_SYSTEM_VARIABLE, "HY000",
                        "Unknown system variable '" + m.group(2) + "'"));
            }
            String label = m.group(3) != null ? Statements.unquoteIdentifier(m.group(3))
                    : "@@" + (m.group(1) != null ? m.group(1).toLowerCase(Locale.ROOT) + "." : "")
                            + m.group(2);
            String value = session.variable(name);
            boolean integer = value != null && INTEGER.matcher(value).matches();
            columns.add(Column.of(label, integer ? ColumnType.BIGINT : ColumnType.VARCHAR));
            values.add(value);
        }
        return Optional.of(QueryResult.resultSet(columns).row(values).build());
    }

    private QueryResult showVariables(Session session, String kind, String condition) {
        List<Pattern> filters = new ArrayList<>();
        if (condition != null) {
            Matcher quoted = QUOTED.matcher(condition);
            while (quoted.find()) {
                filters.add(Statements.likePattern(
                        Statements.unquoteString("'" + quoted.group(1) + "'")));
            }
            if (filters.isEmpty()) {
                filters.add(Statements.likePattern(Statements.unquoteString(condition.strip())));
            }
        }
        QueryResult.ResultSetBuilder rs = withDefaults
                ? QueryResult.resultSet(Column.varchar("Variable_name"), Column.varchar("Value"),
                        Column.varchar("Default_Value"), Column.varchar("Changed"))
                : QueryResult.resultSet(Column.varchar("Variable_name"), Column.varchar("Value"));
        for (Map.Entry<String, String> e : new TreeMap<>(session.variables()).entrySet()) {
            if (filters.isEmpty() || filters.stream().anyMatch(
                    p -> p.matcher(e.getKey()).matches())) {
                String value = e.getValue() == null ? "" : e.getValue();
                if (withDefaults) {
                    String def = defaults.getOrDefault(e.getKey(), "");
                    rs.row(e.getKey(), value, def, def.equals(value) ? "0" : "1");
                } else {
                    rs.row(e.getKey(), value);
                }
            }
        }
        return rs.build();
    }

    private QueryResult selectFunction(Session session, String function, String alias) {
        String fn = function.toUpperCase(Locale.ROOT);
        String label = alias != null ? Statements.unquoteIdentifier(alias) : function;
        switch (fn) {
            case "DATABASE()":
            case "SCHEMA()":
                return QueryResult.resultSet(Column.varchar(label))
                        .row(session.database().orElse(null)).build();
            case "VERSION()":
                String version = session.hasVariable("version") ? session.variable("version")
                        : serverVersion;
                return QueryResult.resultSet(Column.varchar(label)).row(version).build();
            case "CONNECTION_ID()":
                return QueryResult.resultSet(Column.bigint(label)).row(session.id()).build();
            case "1":
                return QueryResult.resultSet(Column.bigint(label)).row(1L).build();
            default:
                return QueryResult.resultSet(Column.varchar(label))
                        .row(session.user() + "@" + session.remoteAddress()).build();
        }
    }

    /** Splits on {@code separator} outside quotes, backticks and parentheses. */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < text.length()) {
                    current.append(c).append(text.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts;
    }
}
