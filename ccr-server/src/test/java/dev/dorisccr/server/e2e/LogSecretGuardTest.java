package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The guard the e2e harness closes with fails on a secret in a message, an MDC value or an exception. */
class LogSecretGuardTest {
    private static final Logger log = LoggerFactory.getLogger(LogSecretGuardTest.class);

    @Test
    void failsOnASecretAnywhereInALogEventAndNamesItsPositionNotTheValue() {
        SecretScan scan = SecretScan.of("guard-secret-1", "guard-secret-2");
        try (LogSecretGuard guard = new LogSecretGuard(scan)) {
            log.info("nothing to see");
            assertThatCode(guard::assertNoSecrets).doesNotThrowAnyException();
            log.warn("connect failed", new IllegalStateException("password guard-secret-2 refused"));
            assertThatThrownBy(guard::assertNoSecrets).hasMessageContaining("secret #1")
                    .hasMessageNotContaining("guard-secret-2");
        }
        try (LogSecretGuard guard = new LogSecretGuard(scan)) {
            MDC.put("ccr.job", "guard-secret-1");
            try {
                log.warn("a job line");
            } finally {
                MDC.remove("ccr.job");
            }
            assertThatThrownBy(guard::assertNoSecrets).hasMessageContaining("secret #0");
        }
    }

    @Test
    void refusesSecretsTooShortToScanFor() {
        assertThatThrownBy(() -> SecretScan.of("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
