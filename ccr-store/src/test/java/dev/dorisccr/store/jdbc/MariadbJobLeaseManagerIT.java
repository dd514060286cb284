package dev.dorisccr.store.jdbc;

/** Needs CCR_TEST_MYSQL_URL/USER/PASSWORD (scripts/test-databases.sh). */
class MariadbJobLeaseManagerIT extends AbstractJdbcJobLeaseManagerContractTest {
    @Override
    TestBackend newBackend() {
        return TestBackend.mysql();
    }
}
