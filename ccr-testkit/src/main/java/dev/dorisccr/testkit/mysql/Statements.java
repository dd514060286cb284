package dev.dorisccr.testkit.mysql;

/** Small text helpers for statements: comment stripping and identifier unquoting. */
final class Statements {
    private Statements() {
    }

    /**
     * Removes leading block and line comments (Connector/J prefixes its version comment),
     * surrounding whitespace and trailing semicolons.
     */
    static String normalize(String sql) {
        String s = sql.strip();
        while (true) {
            if (s.startsWith("/*")) {
                int end = s.indexOf("*/", 2);
                if (end < 0) {
                    return "";
                }
                s = s.substring(end + 2).strip();
            } else if (s.startsWith("-- ") || s.startsWith("#")) {
                int end = s.indexOf('\n');
                if (end < 0) {
                    return "";
                }
                s = s.substring(end + 1).strip();
            } else {
                break;
            }
        }
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** {@code `db`} or {@code "db"} to {@code db}; doubled quotes inside become single. */
    static String unquoteIdentifier(String name) {
        if (name.length() >= 2) {
            char first = name.charAt(0);
            if ((first == '`' || first == '"') && name.charAt(name.length() - 1) == first) {
                String q = String.valueOf(first);
                return name.substring(1, name.length() - 1).replace(q + q, q);
            }
        }
        return name;
    }

    /** {@code 'text'} or {@code "text"} to {@code text}; other text is returned as is. */
    static String unquoteString(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '\'' || first == '"') && value.charAt(value.length() - 1) == first) {
                String q = String.valueOf(first);
                return value.substring(1, value.length() - 1).replace(q + q, q)
                        .replace("\\" + q, q);
            }
        }
        return value;
    }

    /** A SQL LIKE pattern ({@code %}, {@code _}, case-insensitive) as a regex. */
    static java.util.regex.Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(regex.toString(),
                java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);
    }
}
