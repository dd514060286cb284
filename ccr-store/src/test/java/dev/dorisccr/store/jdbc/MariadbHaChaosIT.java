package dev.dorisccr.store.jdbc;

/** Needs CCR_TEST_MYSQL_URL/USER/PASSWORD (scripts/test-databases.sh). */
class MariadbHaChaosIT extends AbstractHaChaosIT {
    @Override
    HaProcesses.Server server() {
        return HaProcesses.Server.MARIADB;
    }
}
