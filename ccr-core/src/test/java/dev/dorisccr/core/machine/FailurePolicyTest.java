package dev.dorisccr.core.machine;

import static dev.dorisccr.core.machine.FailurePolicy.Decision.FAIL;
import static dev.dorisccr.core.machine.FailurePolicy.Decision.FULL_SYNC;
import static dev.dorisccr.core.machine.FailurePolicy.Decision.RETRY;
import static dev.dorisccr.core.machine.FailurePolicy.Decision.SKIP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.machine.FailurePolicy.Decision;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailurePolicyTest {
    static Stream<Arguments> table() {
        return Stream.concat(outsideTxns(), Stream.of(
                // a txn step's outcome may be unknown: retried a few times, then failed
                Arguments.of(ErrorCode.DORIS_ANALYSIS_ERROR, false, 1, false, false, true, RETRY),
                Arguments.of(ErrorCode.DORIS_ANALYSIS_ERROR, false, FailurePolicy.COPY_ATTEMPTS - 1, false, false, true,
                        RETRY),
                Arguments.of(ErrorCode.DORIS_ANALYSIS_ERROR, false, FailurePolicy.COPY_ATTEMPTS, false, false, true, FAIL),
                Arguments.of(ErrorCode.DORIS_ANALYSIS_ERROR, false, 1, false, true, true, SKIP),
                Arguments.of(ErrorCode.META_MISMATCH, false, 1, false, false, true, FULL_SYNC),
                Arguments.of(ErrorCode.DORIS_TIMEOUT, false, 9, false, false, true, RETRY)));
    }

    static Stream<Arguments> outsideTxns() {
        return Stream.of(
                // code, copying, failures, operator skip, skip_error -> decision
                Arguments.of(ErrorCode.DORIS_TIMEOUT, false, 1, false, false, RETRY),
                Arguments.of(ErrorCode.DORIS_CONNECTION_FAILED, false, 9, false, false, RETRY),
                Arguments.of(ErrorCode.DORIS_NOT_MASTER, false, 1, false, true, RETRY),
                Arguments.of(ErrorCode.STORE_UNAVAILABLE, true, 5, false, false, RETRY),
                Arguments.of(ErrorCode.DORIS_RPC_FAILED, true, 1, false, false, RETRY),
                Arguments.of(ErrorCode.BINLOG_TOO_OLD, false, 1, false, false, FULL_SYNC),
                Arguments.of(ErrorCode.BINLOG_TOO_OLD, false, 1, true, true, FULL_SYNC),
                Arguments.of(ErrorCode.META_MISMATCH, false, 1, false, false, FULL_SYNC),
                Arguments.of(ErrorCode.META_MISMATCH, true, 7, false, false, FULL_SYNC),
                Arguments.of(ErrorCode.SNAPSHOT_NOT_FOUND, true, 1, false, false, FULL_SYNC),
                Arguments.of(ErrorCode.BINLOG_DISABLED, false, 1, false, false, FULL_SYNC),
                Arguments.of(ErrorCode.BINLOG_DISABLED, true, 9, false, false, RETRY),
                Arguments.of(ErrorCode.DORIS_ANALYSIS_ERROR, false, 1, false, false, FAIL),
                Arguments.of(ErrorCode.DORIS_UNSUPPORTED, false, 1, false, false, FAIL),
                Arguments.of(ErrorCode.INTERNAL_ERROR, false, 1, false, false, FAIL),
                Arguments.of(ErrorCode.DORIS_ANALYSIS_ERROR, false, 1, false, true, SKIP),
                Arguments.of(ErrorCode.DORIS_ANALYSIS_ERROR, false, 1, true, false, SKIP),
                Arguments.of(ErrorCode.DORIS_TIMEOUT, false, 1, true, false, SKIP),
                Arguments.of(ErrorCode.DORIS_SQL_FAILED, true, 1, false, false, FULL_SYNC),
                Arguments.of(ErrorCode.DORIS_SQL_FAILED, true, FailurePolicy.COPY_ATTEMPTS - 1, false, false, FULL_SYNC),
                Arguments.of(ErrorCode.DORIS_SQL_FAILED, true, FailurePolicy.COPY_ATTEMPTS, false, false, FAIL),
                Arguments.of(ErrorCode.NOT_AUTHORIZED, true, FailurePolicy.COPY_ATTEMPTS, false, true, FAIL))
                .map(a -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], a.get()[3], a.get()[4], false, a.get()[5]));
    }

    @ParameterizedTest(name = "{0} copying={1} failures={2} skip={3} skip_error={4} in_txn={5} -> {6}")
    @MethodSource("table")
    void decides(ErrorCode code, boolean copying, int failures, boolean skip, boolean skipError, boolean inTxn,
            Decision expected) {
        assertThat(FailurePolicy.decide(code, copying, failures, skip, skipError, inTxn)).isEqualTo(expected);
    }
}
