package dev.dorisccr.store.jdbc;

import dev.dorisccr.testkit.gostore.GoStoreFixture;

/** Needs the test databases of scripts/test-databases.sh (else skipped, or failed under CI). */
class MariadbGoStoreReaderIT extends AbstractGoStoreReaderContractTest {
    @Override
    TestBackend newBackend() {
        return TestBackend.mysql();
    }

    @Override
    GoStoreFixture.Kind kind() {
        return GoStoreFixture.Kind.MYSQL;
    }
}
