package dev.dorisccr.store.jdbc;

/** Needs CCR_TEST_MYSQL_URL/USER/PASSWORD (scripts/test-databases.sh); runs in -Pchaos-ha. */
class MariadbThousandJobsHaIT extends AbstractThousandJobsHaIT {
    @Override
    HaProcesses.Server server() {
        return HaProcesses.Server.MARIADB;
    }
}
