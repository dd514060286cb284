package dev.dorisccr.core.binlog;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Argument checks shared by the record constructors. */
final class Checks {
    private Checks() {}

    /** Doris object ids are non-negative; -1 means "does not apply" in several payloads. */
    static long id(long value, String name) {
        if (value < -1) {
            throw new IllegalArgumentException(name + " must be >= -1 but was " + value);
        }
        return value;
    }

    static long nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
        return value;
    }

    static String text(String value, String name) {
        return requireNonNull(value, name + " is null");
    }

    static <T> List<T> list(List<T> value, String name) {
        return List.copyOf(requireNonNull(value, name + " is null"));
    }

    static <K, V> Map<K, V> map(Map<K, V> value, String name) {
        return Map.copyOf(requireNonNull(value, name + " is null"));
    }

    /** Copies a map whose values are lists, copying each list too. */
    static <K, V> Map<K, List<V>> deepMap(Map<K, List<V>> value, String name) {
        requireNonNull(value, name + " is null");
        Map<K, List<V>> copy = new LinkedHashMap<>();
        value.forEach((k, v) -> copy.put(k, List.copyOf(requireNonNull(v, name + " has a null list"))));
        return Map.copyOf(copy);
    }
}
