package dev.dorisccr.core.ddl.lex;

/** What a {@link Token} is. Whitespace and comments are tokens too, so nothing is lost. */
public enum TokenKind {
    /** A bare word: keyword or unquoted name (letters, digits, {@code _}, {@code $}, non-ASCII). */
    WORD,
    /** A name in backticks; a doubled backtick stands for one. */
    QUOTED_IDENTIFIER,
    /** A string in single or double quotes, with backslash escapes or doubled quotes. */
    STRING,
    /** A decimal number, possibly with a fraction or exponent. */
    NUMBER,
    /** One punctuation or operator character. */
    PUNCTUATION,
    /** {@code -- ...}, {@code # ...} or a block comment. */
    COMMENT,
    /** Spaces, tabs and line breaks. */
    WHITESPACE;

    /** Whether the parser looks at tokens of this kind (comments and whitespace it skips). */
    public boolean significant() {
        return switch (this) {
            case COMMENT, WHITESPACE -> false;
            case WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PUNCTUATION -> true;
        };
    }
}
