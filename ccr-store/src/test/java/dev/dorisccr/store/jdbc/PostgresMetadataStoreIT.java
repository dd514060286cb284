package dev.dorisccr.store.jdbc;

/** Needs CCR_TEST_PG_URL/USER/PASSWORD (scripts/test-databases.sh). */
class PostgresMetadataStoreIT extends AbstractJdbcMetadataStoreContractTest {
    @Override
    TestBackend newBackend() {
        return TestBackend.postgres();
    }
}
