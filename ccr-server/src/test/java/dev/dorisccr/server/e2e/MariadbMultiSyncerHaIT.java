package dev.dorisccr.server.e2e;

import dev.dorisccr.store.jdbc.StoreKind;

/** Needs CCR_TEST_MYSQL_URL/USER/PASSWORD (scripts/test-databases.sh); runs in -Pchaos-ha. */
class MariadbMultiSyncerHaIT extends AbstractMultiSyncerHaIT {
    @Override
    StoreKind kind() {
        return StoreKind.MYSQL;
    }

    @Override
    String[] urlUserPassword() {
        return new String[] {System.getenv("CCR_TEST_MYSQL_URL"),
            System.getenv().getOrDefault("CCR_TEST_MYSQL_USER", "root"),
            System.getenv().getOrDefault("CCR_TEST_MYSQL_PASSWORD", "")};
    }
}
