package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class StoreConfigTest {
    @Test
    void defaultsFollowTheGoSyncer() {
        StoreConfig mysql = StoreConfig.builder(StoreKind.MYSQL).build();
        assertThat(mysql.host()).isEqualTo("127.0.0.1");
        assertThat(mysql.port()).isEqualTo(3306);
        assertThat(mysql.user()).isEqualTo("root");
        assertThat(mysql.password().isEmpty()).isTrue();
        assertThat(mysql.database()).isEqualTo("ccr");
        assertThat(mysql.sqlitePath()).isEqualTo(Path.of("ccr.db"));
        assertThat(StoreConfig.builder(StoreKind.POSTGRESQL).build().port()).isEqualTo(5432);
    }

    @Test
    void everyFieldMapsAndToBuilderCopies() {
        StoreConfig c = StoreConfig.builder(StoreKind.POSTGRESQL).sqlitePath(Path.of("/x.db")).host("db").port(6543)
                .user("u").password(Secret.of("p")).jdbcUrl("jdbc:postgresql://db/x").database("meta")
                .secretKey(Secret.of("k")).maxPoolSize(7).connectTimeout(Duration.ofSeconds(3))
                .busyTimeout(Duration.ofSeconds(9)).build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.jdbcUrl()).contains("jdbc:postgresql://db/x");
        assertThat(c.maxPoolSize()).isEqualTo(7);
    }

    @Test
    void toStringHidesSecrets() {
        StoreConfig c = StoreConfig.builder(StoreKind.MYSQL).password(Secret.of("hunter2"))
                .secretKey(Secret.of("topkey")).build();
        assertThat(c.toString()).doesNotContain("hunter2").doesNotContain("topkey").contains("[REDACTED]");
    }

    @Test
    void badValuesFail() {
        assertInvalid(() -> StoreConfig.builder(StoreKind.MYSQL).port(0).build());
        assertInvalid(() -> StoreConfig.builder(StoreKind.MYSQL).database("ccr; DROP").build());
        assertInvalid(() -> StoreConfig.builder(StoreKind.MYSQL).database("`ccr`").build());
        assertInvalid(() -> StoreConfig.builder(StoreKind.MYSQL).maxPoolSize(0).build());
        assertInvalid(() -> StoreConfig.builder(StoreKind.MYSQL).connectTimeout(Duration.ofMillis(10)).build());
        assertInvalid(() -> StoreKind.parse("oracle"));
    }

    @Test
    void dbTypeNamesOfTheGoSyncerParse() {
        assertThat(StoreKind.parse("sqlite3")).isEqualTo(StoreKind.SQLITE3);
        assertThat(StoreKind.parse("MySQL")).isEqualTo(StoreKind.MYSQL);
        assertThat(StoreKind.parse("postgresql")).isEqualTo(StoreKind.POSTGRESQL);
        assertThat(StoreKind.parse("postgres")).isEqualTo(StoreKind.POSTGRESQL);
    }

    private static void assertInvalid(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CcrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG));
    }
}
