package dev.dorisccr.server.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4, for tests: every line is a {@code # HELP},
 * a {@code # TYPE} (once per family, before its samples) or a sample {@code name{l="v",...} value
 * [timestamp]}; anything else fails the parse with the line.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"\\s*,?");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> types = new HashMap<>();

    private PrometheusText() {}

    public static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            try {
                p.line(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + n + ": " + e.getMessage() + ": " + line, e);
            }
        }
        return p;
    }

    private void line(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("# HELP ")) {
            requireName(line.substring(7).split(" ", 2)[0]);
            return;
        }
        if (line.startsWith("# TYPE ")) {
            String[] parts = line.substring(7).split(" ");
            if (parts.length != 2 || !TYPES.contains(parts[1])) {
                throw new IllegalArgumentException("bad TYPE");
            }
            requireName(parts[0]);
            if (types.put(parts[0], parts[1]) != null) {
                throw new IllegalArgumentException("second TYPE for " + parts[0]);
            }
            return;
        }
        if (line.startsWith("#")) {
            return; // a comment
        }
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int close = line.indexOf('}', brace);
            if (close < 0) {
                throw new IllegalArgumentException("no closing brace");
            }
            String body = line.substring(brace + 1, close);
            Matcher m = LABEL.matcher(body);
            int at = 0;
            while (at < body.length() && m.find(at) && m.start() == at) {
                if (labels.put(m.group(1), m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\"))
                        != null) {
                    throw new IllegalArgumentException("label twice: " + m.group(1));
                }
                at = m.end();
            }
            if (at != body.length()) {
                throw new IllegalArgumentException("bad labels");
            }
            rest = line.substring(close + 1).trim();
        } else {
            if (space < 0) {
                throw new IllegalArgumentException("no value");
            }
            name = line.substring(0, space);
            rest = line.substring(space + 1).trim();
        }
        requireName(name);
        if (family(name) == null) {
            throw new IllegalArgumentException("sample before its TYPE");
        }
        String[] v = rest.split(" ");
        if (v.length < 1 || v.length > 2) {
            throw new IllegalArgumentException("bad value");
        }
        samples.add(new Sample(name, Map.copyOf(labels), value(v[0])));
    }

    /** The family a sample name belongs to (histogram and summary samples have suffixes). */
    private String family(String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String t = types.get(base);
                if ("histogram".equals(t) || "summary".equals(t)) {
                    return base;
                }
            }
        }
        return null;
    }

    private static double value(String s) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad number " + s, e);
                }
        }
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name " + name);
        }
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The type of a family, e.g. {@code gauge}. */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** Samples of this name whose labels include {@code labels} ("k1", "v1", "k2", "v2", ...). */
    public List<Sample> find(String name, String... labels) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (!s.name().equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                all &= labels[i + 1].equals(s.labels().get(labels[i]));
            }
            if (all) {
                out.add(s);
            }
        }
        return out;
    }

    /** The value of the one sample of this name with these labels. */
    public double value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labels) + ": " + found);
        }
        return found.get(0).value();
    }
}
