package dev.dorisccr.core.ddl.rewrite;

import dev.dorisccr.core.ddl.lex.DorisLexer;
import dev.dorisccr.core.ddl.lex.Token;
import dev.dorisccr.core.error.CcrException;
import java.util.ArrayList;
import java.util.List;

/** The significant tokens (no whitespace, no comments) of one statement, with the source. */
final class SignificantTokens {
    final String source;
    final List<Token> tokens;

    private SignificantTokens(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    static SignificantTokens of(String source) {
        List<Token> significant = new ArrayList<>();
        for (Token t : DorisLexer.tokenize(source)) {
            if (t.kind().significant()) {
                significant.add(t);
            }
        }
        return new SignificantTokens(source, List.copyOf(significant));
    }

    int size() {
        return tokens.size();
    }

    Token get(int i) {
        return tokens.get(i);
    }

    boolean isWord(int i, String keyword) {
        return i < tokens.size() && tokens.get(i).isWord(keyword);
    }

    boolean isPunctuation(int i, char c) {
        return i < tokens.size() && tokens.get(i).isPunctuation(c);
    }

    /** Offset of token {@code i}, or the end of the source if {@code i} is past the end. */
    int offset(int i) {
        return i < tokens.size() ? tokens.get(i).start() : source.length();
    }

    /** Requires a word at {@code i}. */
    void expectWord(int i, String keyword) {
        if (!isWord(i, keyword)) {
            throw error(i, "expected " + keyword + describe(i));
        }
    }

    String describe(int i) {
        return i < tokens.size() ? " but found '" + tokens.get(i).text() + "'" : " but the statement ended";
    }

    CcrException error(int i, String message) {
        return DorisLexer.malformed(source, offset(i), message);
    }
}
