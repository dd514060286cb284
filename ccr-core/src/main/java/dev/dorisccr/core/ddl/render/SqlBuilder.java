package dev.dorisccr.core.ddl.render;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import dev.dorisccr.core.ddl.StringLiteral;
import java.util.List;
import java.util.Map;

/**
 * Appends keywords (constants of this package), self-quoting names and literals, separated by one
 * space. Raw names or values cannot be appended: only {@link Identifier}, {@link QualifiedName}
 * and {@link StringLiteral} values.
 */
final class SqlBuilder {
    private final StringBuilder sb = new StringBuilder(64);

    SqlBuilder keyword(String keyword) {
        return space().raw(keyword);
    }

    SqlBuilder name(Identifier name) {
        return space().raw(name.quoted());
    }

    SqlBuilder name(QualifiedName name) {
        return space().raw(name.quoted());
    }

    SqlBuilder literal(String value) {
        return space().raw(StringLiteral.of(value).quoted());
    }

    /** {@code ("k" = "v", ...)} from key/value pairs. */
    SqlBuilder properties(List<Map.Entry<String, String>> entries) {
        space().raw("(");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                raw(", ");
            }
            raw(StringLiteral.of(entries.get(i).getKey()).quoted()).raw(" = ")
                    .raw(StringLiteral.of(entries.get(i).getValue()).quoted());
        }
        return raw(")");
    }

    /** {@code (`a`, `b`)}. */
    SqlBuilder names(List<Identifier> names) {
        space().raw("(");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                raw(", ");
            }
            raw(names.get(i).quoted());
        }
        return raw(")");
    }

    /** {@code ("a", "b")}, or {@code (MAXVALUE)} for an empty list when {@code maxValue}. */
    SqlBuilder values(List<String> values, boolean maxValueIfEmpty) {
        raw("(");
        if (values.isEmpty() && maxValueIfEmpty) {
            raw("MAXVALUE");
        }
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                raw(", ");
            }
            raw(StringLiteral.of(values.get(i)).quoted());
        }
        return raw(")");
    }

    SqlBuilder raw(String text) {
        sb.append(text);
        return this;
    }

    private SqlBuilder space() {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        return this;
    }

    String build() {
        return sb.toString();
    }
}
