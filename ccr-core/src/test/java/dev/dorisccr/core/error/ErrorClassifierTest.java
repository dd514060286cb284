package dev.dorisccr.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorClassifierTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new CcrException(ErrorCode.DORIS_TIMEOUT, "t"), true, ErrorCode.DORIS_TIMEOUT),
                Arguments.of(new CcrException(ErrorCode.DORIS_NOT_MASTER, "m"), true, ErrorCode.DORIS_NOT_MASTER),
                Arguments.of(new CcrException(ErrorCode.MALFORMED_BINLOG, "b"), false, ErrorCode.MALFORMED_BINLOG),
                Arguments.of(new CcrException(ErrorCode.LEASE_LOST, "l"), false, ErrorCode.LEASE_LOST),
                Arguments.of(new IOException("reset"), true, ErrorCode.INTERNAL_ERROR),
                Arguments.of(new IllegalStateException("bug"), false, ErrorCode.INTERNAL_ERROR),
                Arguments.of(
                        new RuntimeException(new CcrException(ErrorCode.STORE_UNAVAILABLE, "s")),
                        true,
                        ErrorCode.STORE_UNAVAILABLE),
                // The first coded exception in the chain decides, even if an I/O cause lies deeper.
                Arguments.of(
                        new CcrException(ErrorCode.DORIS_ANALYSIS_ERROR, "a", new IOException("x")),
                        false,
                        ErrorCode.DORIS_ANALYSIS_ERROR));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void classifies(Throwable t, boolean retriable, ErrorCode code) {
        assertThat(ErrorClassifier.isRetriable(t)).isEqualTo(retriable);
        assertThat(ErrorClassifier.codeOf(t)).isEqualTo(code);
    }

    @org.junit.jupiter.api.Test
    void contextIsRenderedInMessage() {
        CcrException e = new CcrException(ErrorCode.MALFORMED_BINLOG, "bad").with("job", "j1").with("commitSeq", 7);
        assertThat(e.getMessage()).isEqualTo("bad [job=j1, commitSeq=7]");
        assertThat(e.context()).containsEntry("commitSeq", "7");
        assertThat(e.type()).isEqualTo(ErrorType.USER);
    }
}
