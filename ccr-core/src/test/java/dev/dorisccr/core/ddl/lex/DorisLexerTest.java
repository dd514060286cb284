package dev.dorisccr.core.ddl.lex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DorisLexerTest {
    private static String join(List<Token> tokens) {
        return tokens.stream().map(Token::text).collect(Collectors.joining());
    }

    private static List<TokenKind> kinds(String sql) {
        return DorisLexer.tokenize(sql).stream().map(Token::kind).toList();
    }

    @Test
    void tokensCoverTheInputExactly() {
        String sql = "CREATE TABLE `a``b` (\n  `k` INT COMMENT 'it''s \\'x\\'', -- c1\n"
                + "  v DOUBLE /* block\n */ # hash\n) PROPERTIES (\"a\" = \"1.5e3\");\n";
        List<Token> tokens = DorisLexer.tokenize(sql);
        assertThat(join(tokens)).isEqualTo(sql);
        int at = 0;
        for (Token t : tokens) {
            assertThat(t.start()).isEqualTo(at);
            assertThat(sql.substring(t.start(), t.end())).isEqualTo(t.text());
            at = t.end();
        }
    }

    @Test
    void classifiesEachKind() {
        assertThat(kinds("a `b` 'c' \"d\" 12 -- e\n/* f */#g\n(")).containsExactly(
                TokenKind.WORD, TokenKind.WHITESPACE, TokenKind.QUOTED_IDENTIFIER, TokenKind.WHITESPACE,
                TokenKind.STRING, TokenKind.WHITESPACE, TokenKind.STRING, TokenKind.WHITESPACE,
                TokenKind.NUMBER, TokenKind.WHITESPACE, TokenKind.COMMENT, TokenKind.WHITESPACE,
                TokenKind.COMMENT, TokenKind.COMMENT, TokenKind.WHITESPACE, TokenKind.PUNCTUATION);
    }

    @Test
    void numbersAndNamesStartingWithDigits() {
        assertThat(kinds("1.5e-3")).containsExactly(TokenKind.NUMBER);
        assertThat(kinds(".5")).containsExactly(TokenKind.NUMBER);
        assertThat(kinds("1st_table")).containsExactly(TokenKind.WORD);
        assertThat(kinds("3")).containsExactly(TokenKind.NUMBER);
    }

    @Test
    void unicodeWordsStayWhole() {
        List<Token> tokens = DorisLexer.tokenize("表名_1 café");
        assertThat(tokens).extracting(Token::text).containsExactly("表名_1", " ", "café");
        assertThat(DorisLexer.tokenize("😀")).extracting(Token::text).containsExactly("😀");
    }

    @Test
    void valuesUnquoteAndUnescape() {
        assertThat(DorisLexer.tokenize("`a``b`").get(0).value()).isEqualTo("a`b");
        assertThat(DorisLexer.tokenize("'it''s'").get(0).value()).isEqualTo("it's");
        assertThat(DorisLexer.tokenize("\"a\\\"b\\n\"").get(0).value()).isEqualTo("a\"b\n");
        assertThat(DorisLexer.tokenize("'\\\\'").get(0).value()).isEqualTo("\\");
        assertThat(DorisLexer.tokenize("'-- not a comment'").get(0).kind()).isEqualTo(TokenKind.STRING);
    }

    @Test
    void keywordMatchingIgnoresCaseButNotQuoting() {
        Token word = DorisLexer.tokenize("properties").get(0);
        Token quoted = DorisLexer.tokenize("`PROPERTIES`").get(0);
        assertThat(word.isWord("PROPERTIES")).isTrue();
        assertThat(quoted.isWord("PROPERTIES")).isFalse();
        assertThat(quoted.isName()).isTrue();
    }

    @Test
    void unterminatedInputFailsWithPosition() {
        assertMalformed("SELECT 'abc", "unterminated string literal at line 1, column 8");
        assertMalformed("a\n  `b", "unterminated backquoted identifier at line 2, column 3");
        assertMalformed("x /* y", "unterminated block comment at line 1, column 3");
        assertMalformed("'ends with backslash\\", "unterminated string literal at line 1, column 1");
    }

    private static void assertMalformed(String sql, String message) {
        assertThatThrownBy(() -> DorisLexer.tokenize(sql))
                .isInstanceOfSatisfying(CcrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DDL);
                    assertThat(e.getMessage()).startsWith(message);
                    assertThat(e.context()).containsKeys("offset", "line", "column");
                });
    }
}
