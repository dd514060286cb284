package dev.dorisccr.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.machine.JobLoggingContext;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.machine.JobRunner;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Lines logged during a job's runner turn and on its pool threads carry the job (ccrName=). */
class JobLoggingContextTest {
    @Test
    void everyRunnerTurnRunsUnderTheJobsNameAndLeavesTheThreadClean() {
        ManualScheduler scheduler = new ManualScheduler();
        ClusterSpec c = ClusterSpec.of("127.0.0.1", 9030, 9020, "root", "");
        JobSpec spec = new JobSpec("ccr_test", new JobEndpoint(c, "s", "t"), new JobEndpoint(c, "d", "t"),
                JobOptions.DEFAULTS);
        List<String> seen = new ArrayList<>();
        JobRunner runner = new JobRunner("ccr_test", new JobMachine(spec, JobMachine.Config.DEFAULTS),
                SyncProgress.initial("ccr_test", spec.syncType(), 0, 1), cmd -> {
                    seen.add(MDC.get(JobLoggingContext.JOB));
                    throw new CcrException(ErrorCode.DORIS_SQL_FAILED, "unreachable cluster");
                }, (p, status) -> { }, scheduler, scheduler);

        runner.start();
        scheduler.runFor(Duration.ofSeconds(10));

        assertThat(seen).isNotEmpty().containsOnly("ccr_test");
        assertThat(MDC.get(JobLoggingContext.JOB)).isNull();
    }

    @Test
    void poolTasksTakeTheSubmittersContext() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (JobLoggingContext ignored = JobLoggingContext.forJob("j1")) {
            String inPool = CompletableFuture.supplyAsync(JobLoggingContext.propagate(
                    () -> MDC.get(JobLoggingContext.JOB)), pool).get();
            assertThat(inPool).isEqualTo("j1");
        } finally {
            pool.shutdownNow();
        }
        assertThat(MDC.get(JobLoggingContext.JOB)).isNull();
    }
}
