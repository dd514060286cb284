package dev.dorisccr.testkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementsTest {

    @Test
    void normalizeStripsLeadingCommentsWhitespaceAndSemicolons() {
        assertThat(Statements.normalize("/* mysql-connector-j-9 */SELECT 1")).isEqualTo("SELECT 1");
        assertThat(Statements.normalize("  /* a */ /* b */\n-- c\n# d\nSHOW DATABASES ;; "))
                .isEqualTo("SHOW DATABASES");
        assertThat(Statements.normalize("SELECT '/* kept */'")).isEqualTo("SELECT '/* kept */'");
        assertThat(Statements.normalize("/* unterminated")).isEmpty();
        assertThat(Statements.normalize("  ;  ")).isEmpty();
    }

    @Test
    void unquoting() {
        assertThat(Statements.unquoteIdentifier("`a``b`")).isEqualTo("a`b");
        assertThat(Statements.unquoteIdentifier("plain")).isEqualTo("plain");
        assertThat(Statements.unquoteString("'it''s'")).isEqualTo("it's");
        assertThat(Statements.unquoteString("\"x\"")).isEqualTo("x");
        assertThat(Statements.unquoteString("'")).isEqualTo("'");
    }

    @Test
    void likePatterns() {
        assertThat(Statements.likePattern("wait%").matcher("WAIT_timeout").matches()).isTrue();
        assertThat(Statements.likePattern("a_c").matcher("abc").matches()).isTrue();
        assertThat(Statements.likePattern("a\\_c").matcher("abc").matches()).isFalse();
        assertThat(Statements.likePattern("a.c").matcher("abc").matches()).isFalse();
    }
}
