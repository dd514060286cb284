package dev.dorisccr.store.jdbc;

/** Needs CCR_TEST_MYSQL_URL/USER/PASSWORD (scripts/test-databases.sh). */
class MariadbMetadataStoreIT extends AbstractJdbcMetadataStoreContractTest {
    @Override
    TestBackend newBackend() {
        return TestBackend.mysql();
    }
}
