package dev.dorisccr.store.jdbc;

import static dev.dorisccr.store.jdbc.HaProcesses.owners;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.MetadataStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HA with real OS processes: three syncers share one MariaDB / PostgreSQL store; the owner of a
 * job is killed (SIGKILL: nothing released); its jobs must move to the living syncers within two
 * lease periods plus a tick; a restarted syncer rejoins; and over every process's write log the
 * fencing invariant holds: per job, OK writes come with non-decreasing tokens over time, no two
 * syncers ever write OK under the same token, and once a newer token wrote, no older token
 * writes OK again.
 */
abstract class AbstractMultiProcessHaIT {
    private static final long TTL_MS = 1500;
    @TempDir Path dir;
    private HaProcesses syncers;

    abstract HaProcesses.Server server();

    @AfterEach
    void cleanUp() throws Exception {
        if (syncers != null) {
            syncers.close();
        }
    }

    @Test
    void killedOwnersJobsMoveWithinTwoLeasePeriodsAndTokensFence() throws Exception {
        syncers = new HaProcesses(dir, server(), TTL_MS, List.of(), List.of());
        try (MetadataStore store = syncers.openStore()) {
            for (int i = 0; i < 6; i++) {
                store.jobs().create("job" + i, "{}", DesiredState.RUNNING, Map.of());
            }
            for (String s : List.of("10.0.0.1:9190", "10.0.0.2:9190", "10.0.0.3:9190")) {
                syncers.start(s);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> owners(store).size() == 6
                    && new HashSet<>(owners(store).values()).size() > 1);

            String victim = owners(store).get("job0");
            Set<String> victimJobs = new HashSet<>();
            owners(store).forEach((job, owner) -> {
                if (owner.equals(victim)) {
                    victimJobs.add(job);
                }
            });
            long killedAt = System.currentTimeMillis();
            syncers.kill(victim);
            await().atMost(Duration.ofMillis(2 * TTL_MS + TTL_MS / 3 + 2000)).until(() -> {
                Map<String, String> o = owners(store);
                return victimJobs.stream().allMatch(j -> o.containsKey(j) && !o.get(j).equals(victim));
            });
            long movedAfter = System.currentTimeMillis() - killedAt;
            System.out.println("jobs of " + victim + " moved after " + movedAfter + " ms (lease " + TTL_MS + " ms)");

            syncers.start(victim);
            await().atMost(Duration.ofSeconds(30)).until(() -> owners(store).containsValue(victim));
            await().atMost(Duration.ofSeconds(10)).until(() -> owners(store).size() == 6);
        }
        syncers.stopAll();
        HaProcesses.Fencing f = syncers.fencing();
        assertThat(f.ok()).as("progress writes").isPositive();
        assertThat(f.violations()).as("fencing").isEmpty();
        assertThat(f.jobsWritten()).isEqualTo(6);
    }
}
