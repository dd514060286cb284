package dev.dorisccr.core.ddl.lex;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits Doris SQL into tokens that cover the input exactly: concatenating the token texts gives
 * back the input, byte for byte. Rewriters edit some tokens and print the others untouched.
 *
 * <p>Unterminated strings, backquoted names and block comments fail with
 * {@link ErrorCode#MALFORMED_DDL} and the position (offset, line, column).
 */
public final class DorisLexer {
    private final String src;
    private int pos;

    private DorisLexer(String src) {
        this.src = src;
    }

    /** Tokenizes {@code sql}; the tokens cover it exactly. */
    public static List<Token> tokenize(String sql) {
        requireNonNull(sql, "sql is null");
        return new DorisLexer(sql).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (pos < src.length()) {
            int start = pos;
            TokenKind kind = next();
            tokens.add(new Token(kind, start, pos, src.substring(start, pos)));
        }
        return tokens;
    }

    private TokenKind next() {
        char c = src.charAt(pos);
        if (Character.isWhitespace(c)) {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
            return TokenKind.WHITESPACE;
        }
        if (c == '#' || (c == '-' && peek(1) == '-')) {
            while (pos < src.length() && src.charAt(pos) != '\n') {
                pos++;
            }
            return TokenKind.COMMENT;
        }
        if (c == '/' && peek(1) == '*') {
            int end = src.indexOf("*/", pos + 2);
            if (end < 0) {
                throw error(pos, "unterminated block comment");
            }
            pos = end + 2;
            return TokenKind.COMMENT;
        }
        if (c == '`') {
            quoted('`', false, "unterminated backquoted identifier");
            return TokenKind.QUOTED_IDENTIFIER;
        }
        if (c == '\'' || c == '"') {
            quoted(c, true, "unterminated string literal");
            return TokenKind.STRING;
        }
        if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            return number();
        }
        if (isWordChar(c)) {
            while (pos < src.length() && isWordChar(src.charAt(pos))) {
                pos++;
            }
            return TokenKind.WORD;
        }
        pos += Character.charCount(src.codePointAt(pos));
        return TokenKind.PUNCTUATION;
    }

    private void quoted(char quote, boolean backslashEscapes, String message) {
        int start = pos;
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote) {
                if (peek(1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                pos++;
            }
        }
        pos = src.length();
        throw error(start, message);
    }

    private TokenKind number() {
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
        if (peek(0) == '.' && isDigit(peek(1))) {
            pos++;
            while (pos < src.length() && isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        char e = peek(0);
        if ((e == 'e' || e == 'E')
                && (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
            pos += 2;
            while (pos < src.length() && isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < src.length() && isWordChar(src.charAt(pos))) {
            // names may start with digits (e.g. 1st_table): the whole run is a word
            while (pos < src.length() && isWordChar(src.charAt(pos))) {
                pos++;
            }
            return TokenKind.WORD;
        }
        return TokenKind.NUMBER;
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '$'
                || (c > 0x7f && (Character.isLetterOrDigit(c) || Character.isSurrogate(c)
                        || Character.getType(c) == Character.NON_SPACING_MARK));
    }

    /** A MALFORMED_DDL error pointing at {@code offset} in {@code sql}. */
    public static CcrException malformed(String sql, int offset, String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new CcrException(ErrorCode.MALFORMED_DDL,
                        message + " at line " + line + ", column " + column)
                .with("offset", offset)
                .with("line", line)
                .with("column", column);
    }

    private CcrException error(int offset, String message) {
        return malformed(src, offset, message);
    }
}
