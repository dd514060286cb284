package dev.dorisccr.server.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobError;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.spi.DesiredState;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HistoryEventsTest {
    private static final JobError CONNECT = new JobError(ErrorCode.DORIS_CONNECTION_FAILED, "refused", "GetBinlogs", 7,
            1_000, 1_000, 1, List.of("wait (retried by itself)"));

    private static JobSample sample(ObservedState state, String detail, Optional<JobError> error) {
        return new JobSample("j", "table_sync", "fe:9030 a.t", "fe2:9030 b.t", DesiredState.RUNNING,
                new ObservedStatus(state, detail, error, 0, 0, 1_000), "TableIncrementalSync", "Done", Optional.empty(), "",
                "new job", 100, false, 10_000);
    }

    private static final JobSample BASE = sample(ObservedState.INCREMENTAL, "", Optional.empty());

    private static JobSample with(JobSample s, UnaryOperator<ObservedStatus> change) {
        return new JobSample(s.name(), s.type(), s.source(), s.target(), s.desired(), change.apply(s.observed()),
                s.syncState(), s.subSyncState(), s.lag(), s.lagError(), s.fullSyncReason(), s.fullSyncStartAtSeconds(),
                s.hostMapping(), s.atMs() + 10_000);
    }

    private static ObservedStatus status(ObservedState state, String detail, Optional<JobError> error) {
        return new ObservedStatus(state, detail, error, 0, 0, 1_000);
    }

    static Stream<Arguments> changes() {
        JobSample failing = with(BASE, o -> status(ObservedState.BACKING_OFF, "", Optional.of(CONNECT)));
        JobError again = new JobError(CONNECT.code(), "refused again", CONNECT.step(), 7, 1_000, 9_000, 2, CONNECT.actions());
        JobError otherBinlog = new JobError(CONNECT.code(), "refused", CONNECT.step(), 8, 9_000, 9_000, 1, CONNECT.actions());
        JobSample paused = new JobSample("j", "table_sync", "fe:9030 a.t", "fe2:9030 b.t", DesiredState.PAUSED,
                status(ObservedState.PAUSED, "", Optional.empty()), "TableIncrementalSync", "Done", Optional.empty(), "",
                "new job", 100, false, 20_000);
        JobSample fullSync = new JobSample("j", "table_sync", "fe:9030 a.t", "fe2:9030 b.t", DesiredState.RUNNING,
                status(ObservedState.FULL_SYNC, "BeginCreateSnapshot", Optional.empty()), "TableFullSync",
                "BeginCreateSnapshot", Optional.empty(), "", "binlog expired", 500, false, 20_000);
        JobSample partial = new JobSample("j", "table_sync", "fe:9030 a.t", "fe2:9030 b.t", DesiredState.RUNNING,
                status(ObservedState.PARTIAL_SYNC, "t", Optional.empty()), "TablePartialSync", "BeginCreateSnapshot",
                Optional.empty(), "", "", 500, false, 20_000);
        return Stream.of(
                Arguments.of("no change", BASE, with(BASE, o -> o), List.of()),
                Arguments.of("state", BASE, with(BASE, o -> status(ObservedState.CAUGHT_UP, "", Optional.empty())),
                        List.of("STATE INCREMENTAL → CAUGHT_UP")),
                Arguments.of("detail only", with(BASE, o -> status(ObservedState.FULL_SYNC, "A", Optional.empty())),
                        with(BASE, o -> status(ObservedState.FULL_SYNC, "B", Optional.empty())),
                        List.of("STATE FULL_SYNC (A) → FULL_SYNC (B)")),
                Arguments.of("new error", BASE, failing, List.of("STATE INCREMENTAL → BACKING_OFF",
                        "ERROR DORIS_CONNECTION_FAILED in GetBinlogs (binlog 7): refused")),
                Arguments.of("same error again", failing,
                        with(failing, o -> status(ObservedState.BACKING_OFF, "", Optional.of(again))), List.of()),
                Arguments.of("same error, another binlog", failing,
                        with(failing, o -> status(ObservedState.BACKING_OFF, "", Optional.of(otherBinlog))),
                        List.of("ERROR DORIS_CONNECTION_FAILED in GetBinlogs (binlog 8): refused")),
                Arguments.of("recovered", failing, with(failing, o -> status(ObservedState.INCREMENTAL, "", Optional.empty())),
                        List.of("STATE BACKING_OFF → INCREMENTAL", "RECOVERED DORIS_CONNECTION_FAILED cleared after 1 failure")),
                Arguments.of("paused by the operator", BASE, paused,
                        List.of("DESIRED RUNNING → PAUSED", "STATE INCREMENTAL → PAUSED")),
                Arguments.of("full sync started", BASE, fullSync, List.of("FULL_SYNC full sync started (reason: binlog expired)",
                        "STATE INCREMENTAL → FULL_SYNC (BeginCreateSnapshot)")),
                Arguments.of("partial sync started", BASE, partial,
                        List.of("FULL_SYNC partial sync started", "STATE INCREMENTAL → PARTIAL_SYNC (t)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void eventsBetweenTwoSamples(String name, JobSample before, JobSample after, List<String> expected) {
        assertThat(HistoryEvents.between(Optional.of(before), after))
                .extracting(e -> e.kind() + " " + e.text())
                .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "first sample, {0}")
    @MethodSource("firstSamples")
    void firstSample(String name, JobSample first, List<String> expected) {
        assertThat(HistoryEvents.between(Optional.empty(), first))
                .allSatisfy(e -> assertThat(e.atMs()).isEqualTo(first.atMs()))
                .extracting(e -> e.kind() + " " + e.text())
                .containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> firstSamples() {
        return Stream.of(
                Arguments.of("healthy", BASE, List.of("SEEN first seen: INCREMENTAL, desired RUNNING")),
                Arguments.of("failing", sample(ObservedState.FAILED, "", Optional.of(CONNECT)),
                        List.of("SEEN first seen: FAILED, desired RUNNING",
                                "ERROR DORIS_CONNECTION_FAILED in GetBinlogs (binlog 7): refused")));
    }

    @Test
    void longMessagesAreCutInEvents() {
        JobError huge = new JobError(ErrorCode.DORIS_SQL_FAILED, "x".repeat(5_000), "", -1, 1, 1, 1, List.of());
        String text = HistoryEvents.between(Optional.of(BASE),
                with(BASE, o -> status(ObservedState.FAILED, "", Optional.of(huge)))).get(1).text();
        assertThat(text).startsWith("DORIS_SQL_FAILED: xxx").endsWith("…")
                .hasSize("DORIS_SQL_FAILED: ".length() + HistoryEvents.MAX_MESSAGE);
    }
}
