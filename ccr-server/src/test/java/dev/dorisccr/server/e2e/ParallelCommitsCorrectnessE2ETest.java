package dev.dorisccr.server.e2e;

import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.nio.file.Path;

/** Every {@link CorrectnessE2ETest} case again with pipelined apply (depth 4) and parallel table commits on. */
class ParallelCommitsCorrectnessE2ETest extends CorrectnessE2ETest {
    @Override
    E2eHarness harness(Path home) {
        return new E2eHarness(home, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2), s -> s, JobListener.NONE,
                b -> b.pipelineDepth(4).parallelTableCommits(true));
    }
}
