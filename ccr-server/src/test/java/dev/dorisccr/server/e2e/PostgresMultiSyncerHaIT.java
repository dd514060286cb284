package dev.dorisccr.server.e2e;

import dev.dorisccr.store.jdbc.StoreKind;

/** Needs CCR_TEST_PG_URL/USER/PASSWORD (scripts/test-databases.sh); runs in -Pchaos-ha. */
class PostgresMultiSyncerHaIT extends AbstractMultiSyncerHaIT {
    @Override
    StoreKind kind() {
        return StoreKind.POSTGRESQL;
    }

    @Override
    String[] urlUserPassword() {
        return new String[] {System.getenv("CCR_TEST_PG_URL"),
            System.getenv().getOrDefault("CCR_TEST_PG_USER", "postgres"),
            System.getenv().getOrDefault("CCR_TEST_PG_PASSWORD", "")};
    }
}
