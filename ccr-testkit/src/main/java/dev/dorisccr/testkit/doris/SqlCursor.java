package dev.dorisccr.testkit.doris;

import dev.dorisccr.core.ddl.lex.DorisLexer;
import dev.dorisccr.core.ddl.lex.Token;
import dev.dorisccr.core.ddl.lex.TokenKind;
import dev.dorisccr.core.error.CcrException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cursor over the significant tokens of one statement (the core lexer's tokens: backquoted
 * names, strings with escapes, comments skipped). Mistakes are syntax errors (MySQL 1064).
 */
final class SqlCursor {
    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int i;

    SqlCursor(String sql) {
        this.sql = sql;
        try {
            for (Token t : DorisLexer.tokenize(sql)) {
                if (t.kind().significant()) {
                    tokens.add(t);
                }
            }
        } catch (CcrException e) {
            throw syntax(e.getMessage());
        }
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isPunctuation(';')) {
            tokens.remove(tokens.size() - 1);
        }
    }

    String sql() {
        return sql;
    }

    SimException syntax(String what) {
        String near = i < tokens.size() ? sql.substring(tokens.get(i).start(), Math.min(sql.length(),
                tokens.get(i).start() + 40)) : "";
        return new SimException("ANALYSIS_ERROR", 1064, "errCode = 2, detailMessage = Syntax error: " + what
                + " near '" + near + "'");
    }

    boolean atEnd() {
        return i >= tokens.size();
    }

    Token peek() {
        return atEnd() ? null : tokens.get(i);
    }

    Token peek(int ahead) {
        return i + ahead < tokens.size() ? tokens.get(i + ahead) : null;
    }

    boolean peekWord(String... words) {
        for (int k = 0; k < words.length; k++) {
            Token t = peek(k);
            if (t == null || !t.isWord(words[k])) {
                return false;
            }
        }
        return true;
    }

    boolean peekPunct(char c) {
        Token t = peek();
        return t != null && t.isPunctuation(c);
    }

    /** Consumes the words if they are next. */
    boolean acceptWord(String... words) {
        if (peekWord(words)) {
            i += words.length;
            return true;
        }
        return false;
    }

    boolean acceptPunct(char c) {
        if (peekPunct(c)) {
            i++;
            return true;
        }
        return false;
    }

    void word(String... words) {
        if (!acceptWord(words)) {
            throw syntax("expected " + String.join(" ", words));
        }
    }

    void punct(char c) {
        if (!acceptPunct(c)) {
            throw syntax("expected '" + c + "'");
        }
    }

    Token next() {
        if (atEnd()) {
            throw syntax("unexpected end of statement");
        }
        return tokens.get(i++);
    }

    String name() {
        Token t = next();
        if (!t.isName()) {
            i--;
            throw syntax("expected a name");
        }
        return t.value();
    }

    /** {@code name} or {@code db.name}: answers [db or "", name]. */
    String[] qualifiedName() {
        String first = name();
        if (acceptPunct('.')) {
            return new String[] {first, name()};
        }
        return new String[] {"", first};
    }

    String string() {
        Token t = next();
        if (t.kind() != TokenKind.STRING) {
            i--;
            throw syntax("expected a string");
        }
        return t.value();
    }

    long number() {
        Token t = next();
        boolean neg = false;
        if (t.isPunctuation('-')) {
            neg = true;
            t = next();
        }
        if (t.kind() != TokenKind.NUMBER) {
            i--;
            throw syntax("expected a number");
        }
        try {
            long v = Long.parseLong(t.text());
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw syntax("bad number " + t.text());
        }
    }

    /** A literal value as text: string, number (with sign), NULL (answers null), TRUE/FALSE, MAXVALUE. */
    String literal() {
        Token t = next();
        if (t.kind() == TokenKind.STRING || t.kind() == TokenKind.NUMBER) {
            return t.value();
        }
        if (t.isPunctuation('-') && peek() != null && peek().kind() == TokenKind.NUMBER) {
            return "-" + next().text();
        }
        if (t.isWord("NULL")) {
            return null;
        }
        if (t.isWord("TRUE") || t.isWord("FALSE") || t.isWord("MAXVALUE")) {
            return t.text().toUpperCase(java.util.Locale.ROOT);
        }
        i--;
        throw syntax("expected a literal");
    }

    /** {@code (a, b, c)} of names. */
    List<String> nameList() {
        punct('(');
        List<String> out = new ArrayList<>();
        do {
            out.add(name());
        } while (acceptPunct(','));
        punct(')');
        return out;
    }

    /** {@code ("k" = "v", ...)}; keys may also be bare words (SET (k=v) form). */
    Map<String, String> properties() {
        punct('(');
        Map<String, String> out = new LinkedHashMap<>();
        if (acceptPunct(')')) {
            return out;
        }
        do {
            Token k = next();
            StringBuilder key = new StringBuilder(k.value());
            while (k.kind() == TokenKind.WORD && peekPunct('.')) {
                i++;
                key.append('.').append(next().value());
            }
            punct('=');
            String v = literal();
            out.put(key.toString(), v == null ? "" : v);
        } while (acceptPunct(','));
        punct(')');
        return out;
    }

    /** The source text from the current token to the end. */
    String rest() {
        return atEnd() ? "" : sql.substring(tokens.get(i).start()).replaceAll(";\\s*$", "").trim();
    }

    /** The source text of tokens [from, current). */
    String textFrom(int fromIndex) {
        if (fromIndex >= i) {
            return "";
        }
        return sql.substring(tokens.get(fromIndex).start(), tokens.get(i - 1).end());
    }

    int position() {
        return i;
    }

    /** The character offset where token {@code index} starts, or the text's length past the last token. */
    int startOf(int index) {
        return index < tokens.size() ? tokens.get(index).start() : sql.length();
    }

    /** The character offset where token {@code index} ends. */
    int endOf(int index) {
        return tokens.get(index).end();
    }

    void expectEnd() {
        if (!atEnd()) {
            throw syntax("unexpected text");
        }
    }
}
