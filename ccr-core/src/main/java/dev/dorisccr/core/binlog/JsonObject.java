package dev.dorisccr.core.binlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.dorisccr.core.binlog.DecodeError.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A JSON object with its path, and typed readers for its keys. Each reader takes the key names to
 * try in order (the Doris 3.x short name and the older long name, for example); the first present,
 * non-null key wins. A JSON null counts as absent, as Gson omits null fields. Unknown keys are
 * ignored.
 */
final class JsonObject {
    private static final Pattern INTEGER_KEY = Pattern.compile("-?[0-9]+");

    private final JsonNode node;
    private final String path;

    private JsonObject(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The top-level payload, which must be an object. */
    static JsonObject root(JsonNode node) throws DecodeException {
        if (node == null || !node.isObject()) {
            throw new DecodeException(
                    Kind.NOT_AN_OBJECT, "$", "the payload must be a JSON object but is " + describe(node));
        }
        return new JsonObject(node, "$");
    }

    long reqLong(String... keys) throws DecodeException {
        return toLong(require(keys), keyPath(keys));
    }

    long optLong(long absent, String... keys) throws DecodeException {
        JsonNode value = find(keys);
        return value == null ? absent : toLong(value, keyPath(keys));
    }

    int optInt(int absent, String... keys) throws DecodeException {
        JsonNode value = find(keys);
        if (value == null) {
            return absent;
        }
        long number = toLong(value, keyPath(keys));
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new DecodeException(
                    Kind.NUMBER_OUT_OF_RANGE, keyPath(keys), "the number " + number + " does not fit an int");
        }
        return (int) number;
    }

    String reqText(String... keys) throws DecodeException {
        return toText(require(keys), keyPath(keys));
    }

    String optText(String... keys) throws DecodeException {
        JsonNode value = find(keys);
        return value == null ? "" : toText(value, keyPath(keys));
    }

    boolean optBool(boolean absent, String... keys) throws DecodeException {
        JsonNode value = find(keys);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw wrongType(keyPath(keys), "a boolean", value);
        }
        return value.booleanValue();
    }

    JsonObject reqObject(String... keys) throws DecodeException {
        return toObject(require(keys), keyPath(keys));
    }

    Optional<JsonObject> optObject(String... keys) throws DecodeException {
        JsonNode value = find(keys);
        return value == null ? Optional.empty() : Optional.of(toObject(value, keyPath(keys)));
    }

    List<JsonObject> optObjects(String... keys) throws DecodeException {
        List<JsonObject> result = new ArrayList<>();
        JsonNode array = optArray(keys);
        for (int i = 0; i < array.size(); i++) {
            result.add(toObject(array.get(i), keyPath(keys) + "[" + i + "]"));
        }
        return result;
    }

    List<String> optTexts(String... keys) throws DecodeException {
        List<String> result = new ArrayList<>();
        JsonNode array = optArray(keys);
        for (int i = 0; i < array.size(); i++) {
            result.add(toText(array.get(i), keyPath(keys) + "[" + i + "]"));
        }
        return result;
    }

    List<Long> optLongs(String... keys) throws DecodeException {
        List<Long> result = new ArrayList<>();
        JsonNode array = optArray(keys);
        for (int i = 0; i < array.size(); i++) {
            result.add(toLong(array.get(i), keyPath(keys) + "[" + i + "]"));
        }
        return result;
    }

    /** A JSON object as a map of strings; values must be strings (Gson writes Map of String so). */
    Map<String, String> optStringMap(String... keys) throws DecodeException {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode map = optMapNode(keys);
        var fields = map.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().isNull()) {
                result.put(entry.getKey(), toText(entry.getValue(), entryPath(keys, entry.getKey())));
            }
        }
        return result;
    }

    /** A JSON object keyed by Long ids (which Gson writes as strings) with long values. */
    Map<Long, Long> optLongMap(String... keys) throws DecodeException {
        Map<Long, Long> result = new LinkedHashMap<>();
        JsonNode map = optMapNode(keys);
        var fields = map.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            String at = entryPath(keys, entry.getKey());
            result.put(parseKey(entry.getKey(), at), toLong(entry.getValue(), at));
        }
        return result;
    }

    /** A JSON object keyed by Long ids whose values are objects. */
    Map<Long, JsonObject> optObjectMap(String... keys) throws DecodeException {
        Map<Long, JsonObject> result = new LinkedHashMap<>();
        JsonNode map = optMapNode(keys);
        var fields = map.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            String at = entryPath(keys, entry.getKey());
            result.put(parseKey(entry.getKey(), at), toObject(entry.getValue(), at));
        }
        return result;
    }

    /** A JSON object keyed by Long ids whose values are arrays of objects. */
    Map<Long, List<JsonObject>> optObjectListMap(String... keys) throws DecodeException {
        Map<Long, List<JsonObject>> result = new LinkedHashMap<>();
        JsonNode map = optMapNode(keys);
        var fields = map.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            String at = entryPath(keys, entry.getKey());
            if (!entry.getValue().isArray()) {
                throw wrongType(at, "an array", entry.getValue());
            }
            List<JsonObject> items = new ArrayList<>();
            for (int i = 0; i < entry.getValue().size(); i++) {
                items.add(toObject(entry.getValue().get(i), at + "[" + i + "]"));
            }
            result.put(parseKey(entry.getKey(), at), items);
        }
        return result;
    }

    private JsonNode find(String... keys) {
        for (String key : keys) {
            JsonNode value = node.get(key);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    private JsonNode require(String... keys) throws DecodeException {
        JsonNode value = find(keys);
        if (value == null) {
            throw new DecodeException(
                    Kind.MISSING_KEY, keyPath(keys), "required key " + String.join(" or ", keys) + " is absent or null");
        }
        return value;
    }

    private JsonNode optArray(String... keys) throws DecodeException {
        JsonNode value = find(keys);
        if (value == null) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw wrongType(keyPath(keys), "an array", value);
        }
        return value;
    }

    private JsonNode optMapNode(String... keys) throws DecodeException {
        JsonNode value = find(keys);
        if (value == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            throw wrongType(keyPath(keys), "an object", value);
        }
        return value;
    }

    private JsonObject toObject(JsonNode value, String at) throws DecodeException {
        if (!value.isObject()) {
            throw wrongType(at, "an object", value);
        }
        return new JsonObject(value, at);
    }

    private static long toLong(JsonNode value, String at) throws DecodeException {
        if (!value.isIntegralNumber()) {
            throw wrongType(at, "an integer", value);
        }
        if (!value.canConvertToLong()) {
            throw new DecodeException(
                    Kind.NUMBER_OUT_OF_RANGE, at, "the integer " + value.asText() + " does not fit a 64-bit long");
        }
        return value.longValue();
    }

    private static String toText(JsonNode value, String at) throws DecodeException {
        if (!value.isTextual()) {
            throw wrongType(at, "a string", value);
        }
        return value.textValue();
    }

    private static long parseKey(String key, String at) throws DecodeException {
        if (!INTEGER_KEY.matcher(key).matches()) {
            throw new DecodeException(Kind.WRONG_TYPE, at, "the map key must be an integer id");
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException expected) {
            throw new DecodeException(Kind.NUMBER_OUT_OF_RANGE, at, "the map key does not fit a 64-bit long");
        }
    }

    private static DecodeException wrongType(String at, String expected, JsonNode actual) {
        return new DecodeException(Kind.WRONG_TYPE, at, "expected " + expected + " but found " + describe(actual));
    }

    private static String describe(JsonNode value) {
        if (value == null) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case BINARY -> "binary data";
            case BOOLEAN -> "a boolean";
            case MISSING -> "nothing";
            case NULL -> "null";
            case NUMBER -> value.isIntegralNumber() ? "an integer" : "a decimal number";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
        };
    }

    private String keyPath(String... keys) {
        for (String key : keys) {
            JsonNode value = node.get(key);
            if (value != null && !value.isNull()) {
                return path + "." + key;
            }
        }
        return path + "." + keys[0];
    }

    private String entryPath(String[] keys, String entryKey) {
        return keyPath(keys) + "[\"" + entryKey.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
}
