package dev.dorisccr.store.jdbc;

/** Needs CCR_TEST_PG_URL/USER/PASSWORD (scripts/test-databases.sh). */
class PostgresJobLeaseManagerIT extends AbstractJdbcJobLeaseManagerContractTest {
    @Override
    TestBackend newBackend() {
        return TestBackend.postgres();
    }
}
