package dev.dorisccr.core.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void identifierQuotesWithBackticksAndDoublesInnerOnes() {
        assertThat(Identifier.of("t1").quoted()).isEqualTo("`t1`");
        assertThat(Identifier.of("a`b").quoted()).isEqualTo("`a``b`");
        assertThat(Identifier.of("``").quoted()).isEqualTo("``````");
        assertThat(Identifier.of("表 名").quoted()).isEqualTo("`表 名`");
        assertThat(Identifier.of("select").quoted()).isEqualTo("`select`");
        assertThat(Identifier.of("x").toString()).isEqualTo("x");
    }

    @Test
    void identifierRejectsEmptyNullAndNul() {
        assertThatThrownBy(() -> Identifier.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Identifier.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Identifier.of("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Identifier.of("x".repeat(1025))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void qualifiedNameQuotesBothParts() {
        assertThat(QualifiedName.of("d`b", "t.1").quoted()).isEqualTo("`d``b`.`t.1`");
        assertThat(QualifiedName.of("db", "t").toString()).isEqualTo("db.t");
        assertThatThrownBy(() -> new QualifiedName(null, Identifier.of("t")))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void stringLiteralEscapesQuotesBackslashesAndControls() {
        assertThat(StringLiteral.of("plain").quoted()).isEqualTo("\"plain\"");
        assertThat(StringLiteral.of("a\"b").quoted()).isEqualTo("\"a\\\"b\"");
        assertThat(StringLiteral.of("c:\\x").quoted()).isEqualTo("\"c:\\\\x\"");
        assertThat(StringLiteral.of("l1\nl2\t\r").quoted()).isEqualTo("\"l1\\nl2\\t\\r\"");
        assertThat(StringLiteral.of("it's").quoted()).isEqualTo("\"it's\"");
        assertThat(StringLiteral.of("").quoted()).isEqualTo("\"\"");
        assertThatThrownBy(() -> StringLiteral.of("\0")).isInstanceOf(IllegalArgumentException.class);
    }
}
