package dev.dorisccr.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.JournalOutcome;
import dev.dorisccr.core.spi.JournalQuery;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The filters of {@code /journal}: what they mean, and a clear refusal for each bad one. */
class JournalApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JournalQuery query(String json) throws Exception {
        return JournalApi.query(MAPPER.readTree(json));
    }

    @Test
    void filtersFromABodyOrAQueryStringMeanTheSame() throws Exception {
        JournalQuery body = query("{\"name\": \"j\", \"from_seq\": 5, \"to_seq\": 9, \"type\": \"upsert\","
                + " \"outcome\": [\"applied\", \"SKIPPED\"], \"limit\": 7}");
        JournalQuery text = query("{\"name\": \"j\", \"from_seq\": \"5\", \"to_seq\": \"9\", \"type\": \"UPSERT\","
                + " \"outcome\": \"APPLIED, skipped\", \"limit\": \"7\"}");
        assertThat(body).isEqualTo(text)
                .isEqualTo(new JournalQuery("j", 5, 9, "UPSERT", Set.of(JournalOutcome.APPLIED, JournalOutcome.SKIPPED), 7));
        assertThat(query("{\"name\": \"j\"}")).isEqualTo(JournalQuery.latest("j"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{}|name is empty",
        "{\"name\": \"j\", \"outcome\": \"DONE\"}|unknown outcome DONE",
        "{\"name\": \"j\", \"type\": \"NOPE\"}|unknown binlog type NOPE",
        "{\"name\": \"j\", \"from_seq\": 9, \"to_seq\": 3}|from_seq 9 is above to_seq 3",
        "{\"name\": \"j\", \"limit\": 0}|limit must be 1 to 10000",
        "{\"name\": \"j\", \"limit\": 10001}|limit must be 1 to 10000",
        "{\"name\": \"j\", \"from_seq\": \"x\"}|from_seq must be an integer, not x",
        "{\"name\": \"j\", \"to_seq\": true}|to_seq must be an integer",
        "{\"name\": \"j\", \"outcome\": 3}|outcome must be outcome names",
        "{\"name\": \"j\", \"jbo\": 1}|unknown filter jbo (known: name, from_seq, to_seq, type, outcome, limit)",
        "{\"name\": 7}|name must be a string",
    })
    void aBadFilterIsRefusedByName(String body, String message) {
        assertThatThrownBy(() -> query(body)).isInstanceOfSatisfying(CcrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).startsWith(message);
        });
    }
}
