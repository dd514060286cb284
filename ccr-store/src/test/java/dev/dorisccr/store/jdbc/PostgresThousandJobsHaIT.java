package dev.dorisccr.store.jdbc;

/** Needs CCR_TEST_PG_URL/USER/PASSWORD (scripts/test-databases.sh); runs in -Pchaos-ha. */
class PostgresThousandJobsHaIT extends AbstractThousandJobsHaIT {
    @Override
    HaProcesses.Server server() {
        return HaProcesses.Server.POSTGRESQL;
    }
}
