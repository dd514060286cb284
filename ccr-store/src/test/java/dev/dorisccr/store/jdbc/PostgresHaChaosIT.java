package dev.dorisccr.store.jdbc;

/** Needs CCR_TEST_PG_URL/USER/PASSWORD (scripts/test-databases.sh). */
class PostgresHaChaosIT extends AbstractHaChaosIT {
    @Override
    HaProcesses.Server server() {
        return HaProcesses.Server.POSTGRESQL;
    }
}
