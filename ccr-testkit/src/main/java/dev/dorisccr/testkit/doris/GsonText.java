package dev.dorisccr.testkit.doris;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text as Doris's {@code GsonUtils.GSON_PRETTY_PRINTING} writes it: two-space indent,
 * {@code "key": value}, every array element on its own line, empty arrays and objects as
 * {@code []} / {@code {}}. SHOW RESTORE's RestoreObjs is printed this way.
 */
final class GsonText {
    private GsonText() {}

    static String pretty(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        write(sb, n, "");
        return sb.toString();
    }

    private static void write(StringBuilder sb, JsonNode n, String indent) {
        if (n.isObject()) {
            if (n.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(indent).append("  ");
                string(sb, e.getKey());
                sb.append(": ");
                write(sb, e.getValue(), indent + "  ");
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            sb.append(indent).append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < n.size(); i++) {
                sb.append(indent).append("  ");
                write(sb, n.get(i), indent + "  ");
                sb.append(i + 1 < n.size() ? ",\n" : "\n");
            }
            sb.append(indent).append(']');
        } else if (n.isTextual()) {
            string(sb, n.asText());
        } else {
            sb.append(n.toString());
        }
    }

    /** Gson's escaping, HTML-safe characters included ({@code <>&='} as {@code \\u00XX}). */
    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '=', '\'' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
