package dev.dorisccr.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.binlog.BinlogType;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalOutcome;
import dev.dorisccr.core.spi.JournalQuery;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /journal}: the request filters (from a JSON body or, for {@code GET}, the query string)
 * and the answer's JSON. Every filter is checked before the store is asked: a bad one is a 400
 * that names it.
 */
public final class JournalApi {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The filters a request may have. */
    public static final List<String> FILTERS = List.of("name", "from_seq", "to_seq", "type", "outcome", "limit");

    private JournalApi() {}

    /** The query of a request body (values as JSON strings or numbers; {@code outcome} comma-separated or an array). */
    static JournalQuery query(JsonNode body) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FILTERS.contains(f)) {
                throw bad("unknown filter " + f + " (known: " + String.join(", ", FILTERS) + ")");
            }
        }
        String name = text(body, "name");
        if (name.isEmpty()) {
            throw bad("name is empty (the job whose journal to read)");
        }
        long from = number(body, "from_seq", Long.MIN_VALUE);
        long to = number(body, "to_seq", Long.MAX_VALUE);
        if (from > to) {
            throw bad("from_seq " + from + " is above to_seq " + to);
        }
        String type = text(body, "type").trim().toUpperCase(Locale.ROOT);
        if (!type.isEmpty() && BinlogType.fromName(type) == BinlogType.UNKNOWN && !type.equals("UNKNOWN")) {
            throw bad("unknown binlog type " + text(body, "type") + " (a Doris binlog type name such as UPSERT)");
        }
        Set<JournalOutcome> outcomes = outcomes(body.get("outcome"));
        long limit = number(body, "limit", JournalQuery.DEFAULT_LIMIT);
        if (limit < 1 || limit > JournalQuery.MAX_LIMIT) {
            throw bad("limit must be 1 to " + JournalQuery.MAX_LIMIT);
        }
        return new JournalQuery(name, from, to, type, outcomes, (int) limit);
    }

    /** The answer: {@code journal.job}, {@code journal.entries} newest first. */
    static ObjectNode answer(JournalQuery q, List<JournalEntry> entries) {
        ObjectNode n = MAPPER.createObjectNode().put("success", true);
        ObjectNode j = n.putObject("journal");
        j.put("job", q.jobName());
        ArrayNode list = j.putArray("entries");
        for (JournalEntry e : entries) {
            ObjectNode o = list.addObject();
            o.put("commit_seq", e.commitSeq());
            o.put("type", e.binlogType());
            ArrayNode tables = o.putArray("tables");
            e.tables().forEach(tables::add);
            o.put("outcome", e.outcome().name());
            o.put("detail", e.detail());
            o.put("duration_ms", e.durationMs());
            o.put("label", e.label());
            o.put("txn_id", e.txnId());
            o.put("error_code", e.errorCode());
            o.put("time", e.at().toString());
        }
        return n;
    }

    private static Set<JournalOutcome> outcomes(JsonNode v) {
        if (v == null || v.isNull()) {
            return Set.of();
        }
        List<String> names = new java.util.ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> names.add(x.asText()));
        } else if (v.isTextual()) {
            for (String s : v.asText().split(",", -1)) {
                names.add(s);
            }
        } else {
            throw bad("outcome must be outcome names, comma-separated");
        }
        Set<JournalOutcome> out = EnumSet.noneOf(JournalOutcome.class);
        for (String s : names) {
            String u = s.trim().toUpperCase(Locale.ROOT);
            if (u.isEmpty()) {
                continue;
            }
            try {
                out.add(JournalOutcome.valueOf(u));
            } catch (IllegalArgumentException e) {
                throw bad("unknown outcome " + s.trim() + " (one of " + EnumSet.allOf(JournalOutcome.class) + ")");
            }
        }
        return out;
    }

    private static String text(JsonNode body, String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw bad(key + " must be a string");
        }
        return v.asText();
    }

    private static long number(JsonNode body, String key, long absent) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                throw bad(key + " must be an integer, not " + v.asText());
            }
        }
        throw bad(key + " must be an integer");
    }

    private static CcrException bad(String message) {
        return new CcrException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
