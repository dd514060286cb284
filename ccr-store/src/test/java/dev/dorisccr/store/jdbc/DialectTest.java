package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.spi.Secret;
import org.junit.jupiter.api.Test;

class DialectTest {
    @Test
    void describedLocationsCarryNoCredentials() {
        assertThat(MysqlDialect.redact("jdbc:mysql://root:hunter2@db:3306/?password=hunter2"))
                .isEqualTo("jdbc:mysql://db:3306/");
        assertThat(MysqlDialect.redact("jdbc:postgresql://db/ccr")).isEqualTo("jdbc:postgresql://db/ccr");
        StoreConfig c = StoreConfig.builder(StoreKind.POSTGRESQL).host("db").password(Secret.of("hunter2")).build();
        assertThat(Dialect.of(StoreKind.POSTGRESQL).describe(c))
                .isEqualTo("postgresql jdbc:postgresql://db:5432/postgres schema ccr");
        assertThat(Dialect.of(StoreKind.MYSQL).describe(c.toBuilder().port(3306).build()))
                .isEqualTo("mysql jdbc:mysql://db:3306/ database ccr");
    }

    @Test
    void onlyTheServerDialectsLockRows() {
        assertThat(Dialect.of(StoreKind.SQLITE3).lockClause()).isEmpty();
        assertThat(Dialect.of(StoreKind.MYSQL).lockClause()).isEqualTo(" FOR UPDATE");
        assertThat(Dialect.of(StoreKind.POSTGRESQL).lockClause()).isEqualTo(" FOR UPDATE");
    }

    @Test
    void sqliteRunsOneWriterInWalMode() {
        StoreConfig c = StoreConfig.builder(StoreKind.SQLITE3).build();
        assertThat(Dialect.of(StoreKind.SQLITE3).driverProperties(c))
                .containsEntry("journal_mode", "WAL")
                .containsEntry("transaction_mode", "IMMEDIATE")
                .containsEntry("busy_timeout", "5000");
    }
}
