package dev.dorisccr.core.binlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders records as stable JSON: object keys are the record component names (or the map keys),
 * sorted; an empty Optional is null. Walks the record components, so every field is included and
 * derived methods are not.
 */
final class CanonicalJson {
    private static final JsonMapper MAPPER = new JsonMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CanonicalJson() {}

    static String render(BinlogRecord record) {
        try {
            return MAPPER.writeValueAsString(toNode(record));
        } catch (JsonProcessingException e) {
            throw new CcrException(ErrorCode.INTERNAL_ERROR, "cannot render a " + record.type() + " record", e);
        }
    }

    /** The tree for any value a record can hold. */
    static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Record record) {
            return recordNode(record);
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() ? toNode(optional.get()) : NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            ObjectNode node = NODES.objectNode();
            sorted.forEach((k, v) -> node.set(k, toNode(v)));
            return node;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode node = NODES.arrayNode();
            items.forEach(item -> node.add(toNode(item)));
            return node;
        }
        throw new CcrException(
                ErrorCode.INTERNAL_ERROR, "no canonical JSON form for " + value.getClass().getName());
    }

    private static ObjectNode recordNode(Record record) {
        Map<String, Object> sorted = new TreeMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            sorted.put(component.getName(), read(record, component));
        }
        ObjectNode node = NODES.objectNode();
        sorted.forEach((k, v) -> node.set(k, toNode(v)));
        return node;
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new CcrException(
                    ErrorCode.INTERNAL_ERROR,
                    "cannot read " + record.getClass().getSimpleName() + "." + component.getName(),
                    e);
        }
    }
}
