package dev.dorisccr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSyncerTest {
    @TempDir Path dir;

    @Test
    void theExampleReplicatesTheDatabase() throws Exception {
        assertThat(EmbeddedSyncer.run(dir, Duration.ofSeconds(90)))
                .containsExactlyInAnyOrder(List.of("1", "ann"), List.of("2", "bob"), List.of("3", "cid"));
    }
}
