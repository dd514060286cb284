package dev.dorisccr.store.jdbc;

import dev.dorisccr.testkit.gostore.GoStoreFixture;

/** Needs the test databases of scripts/test-databases.sh (else skipped, or failed under CI). */
class PostgresGoStoreReaderIT extends AbstractGoStoreReaderContractTest {
    @Override
    TestBackend newBackend() {
        return TestBackend.postgres();
    }

    @Override
    GoStoreFixture.Kind kind() {
        return GoStoreFixture.Kind.POSTGRESQL;
    }
}
