package dev.dorisccr.core.ddl.lex;

import static java.util.Objects.requireNonNull;

/**
 * One token with its exact source span {@code [start, end)}; {@code text} is the source text of
 * that span, quotes and escapes included.
 *
 * @param kind what the token is
 * @param start offset of the first char in the source
 * @param end offset after the last char
 * @param text the source text of the span
 */
public record Token(TokenKind kind, int start, int end, String text) {
    public Token {
        requireNonNull(kind, "kind is null");
        requireNonNull(text, "text is null");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
        if (text.length() != end - start) {
            throw new IllegalArgumentException("text length does not match the span");
        }
    }

    /** Whether this is the bare word {@code keyword}, compared ignoring case. */
    public boolean isWord(String keyword) {
        return kind == TokenKind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** Whether this is the punctuation character {@code c}. */
    public boolean isPunctuation(char c) {
        return kind == TokenKind.PUNCTUATION && text.charAt(0) == c;
    }

    /** Whether this token can name something: a bare word or a backquoted identifier. */
    public boolean isName() {
        return kind == TokenKind.WORD || kind == TokenKind.QUOTED_IDENTIFIER;
    }

    /**
     * The value the token stands for: the name without backticks, the string without quotes and
     * escapes, otherwise the text itself.
     */
    public String value() {
        return switch (kind) {
            case QUOTED_IDENTIFIER -> text.substring(1, text.length() - 1).replace("``", "`");
            case STRING -> unescapeString(text);
            case WORD, NUMBER, PUNCTUATION, COMMENT, WHITESPACE -> text;
        };
    }

    private static String unescapeString(String quoted) {
        char quote = quoted.charAt(0);
        StringBuilder sb = new StringBuilder(quoted.length());
        int last = quoted.length() - 1;
        for (int i = 1; i < last; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < last) {
                i++;
                sb.append(unescape(quoted.charAt(i)));
            } else if (c == quote) {
                // a doubled quote inside the literal stands for one
                sb.append(c);
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '0' -> '\0';
            case 'b' -> '\b';
            case 'Z' -> '\u001a';
            default -> c;
        };
    }
}
