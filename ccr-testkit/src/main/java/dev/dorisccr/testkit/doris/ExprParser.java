package dev.dorisccr.testkit.doris;

import dev.dorisccr.core.ddl.lex.Token;
import dev.dorisccr.core.ddl.lex.TokenKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Pratt parser for SQL expressions over a {@link SqlCursor}. Binding powers, low to high: OR,
 * AND, NOT, comparisons / IS / IN / BETWEEN / LIKE, {@code + -}, {@code * / % DIV MOD}, unary
 * minus, the {@code v["key"]} subscript. Mistakes are syntax errors (MySQL 1064).
 */
final class ExprParser {
    /** Words that end an expression: they can be neither a column nor an implicit alias. */
    static final Set<String> RESERVED = Set.of("FROM", "WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "OFFSET",
            "UNION", "AS", "ON", "JOIN", "INTO", "AND", "OR", "NOT", "IS", "IN", "LIKE", "BETWEEN", "ASC", "DESC",
            "THEN", "WHEN", "ELSE", "END", "PARTITION", "PARTITIONS", "TEMPORARY", "TABLET", "NULLS", "DIV", "MOD",
            "FOR", "WITH", "LEFT", "RIGHT", "INNER", "CROSS", "FULL", "OUTER", "USING", "SELECT", "BY", "VALUES",
            "XOR", "REGEXP", "RLIKE", "CASE", "INTERVAL", "EXISTS", "DISTINCT", "ALL");
    private static final int OR = 10;
    private static final int AND = 20;
    private static final int NOT = 25;
    private static final int COMPARE = 30;
    private static final int ADD = 40;
    private static final int MULTIPLY = 50;
    private static final int UNARY = 60;
    private static final int POSTFIX = 70;

    private final SqlCursor c;

    ExprParser(SqlCursor c) {
        this.c = c;
    }

    Expr expr() {
        return parse(0);
    }

    private Expr parse(int minBp) {
        Expr left = prefix();
        while (true) {
            int bp = infixPower();
            if (bp <= minBp) {
                return left;
            }
            left = infix(left, bp);
        }
    }

    private int infixPower() {
        Token t = c.peek();
        if (t == null) {
            return -1;
        }
        if (t.kind() == TokenKind.PUNCTUATION) {
            char ch = t.text().charAt(0);
            return switch (ch) {
                case '=', '<', '>' -> COMPARE;
                case '!' -> c.peek(1) != null && c.peek(1).isPunctuation('=') ? COMPARE : -1;
                case '+', '-' -> ADD;
                case '*', '/', '%' -> MULTIPLY;
                case '[' -> POSTFIX;
                case '&' -> c.peek(1) != null && c.peek(1).isPunctuation('&') ? AND : -1;
                case '|' -> c.peek(1) != null && c.peek(1).isPunctuation('|') ? OR : -1;
                default -> -1;
            };
        }
        if (t.kind() != TokenKind.WORD) {
            return -1;
        }
        String w = t.text().toUpperCase(Locale.ROOT);
        return switch (w) {
            case "OR" -> OR;
            case "AND" -> AND;
            case "IS", "IN", "LIKE", "BETWEEN" -> COMPARE;
            case "NOT" -> c.peekWord("NOT", "IN") || c.peekWord("NOT", "LIKE") || c.peekWord("NOT", "BETWEEN")
                    ? COMPARE : -1;
            case "DIV", "MOD" -> MULTIPLY;
            default -> -1;
        };
    }

    private Expr infix(Expr left, int bp) {
        if (c.acceptWord("OR") || acceptPair('|', '|')) {
            return new Expr.Binary("OR", left, parse(bp));
        }
        if (c.acceptWord("AND") || acceptPair('&', '&')) {
            return new Expr.Binary("AND", left, parse(bp));
        }
        if (c.acceptWord("IS")) {
            boolean not = c.acceptWord("NOT");
            c.word("NULL");
            return new Expr.IsNull(left, not);
        }
        boolean not = c.acceptWord("NOT");
        if (c.acceptWord("IN")) {
            c.punct('(');
            if (c.peekWord("SELECT")) {
                Expr sub = subquery();
                c.punct(')');
                return new Expr.In(left, List.of(sub), not);
            }
            List<Expr> list = new ArrayList<>();
            do {
                list.add(expr());
            } while (c.acceptPunct(','));
            c.punct(')');
            return new Expr.In(left, list, not);
        }
        if (c.acceptWord("BETWEEN")) {
            Expr low = parse(COMPARE);
            c.word("AND");
            return new Expr.Between(left, low, parse(COMPARE), not);
        }
        if (c.acceptWord("LIKE")) {
            return new Expr.Like(left, parse(COMPARE), not);
        }
        if (c.acceptWord("DIV")) {
            return new Expr.Binary("DIV", left, parse(bp));
        }
        if (c.acceptWord("MOD")) {
            return new Expr.Binary("%", left, parse(bp));
        }
        if (c.acceptPunct('[')) {
            Expr key = expr();
            c.punct(']');
            return new Expr.Subscript(left, key);
        }
        return new Expr.Binary(operator(), left, parse(bp));
    }

    private boolean acceptPair(char a, char b) {
        if (c.peekPunct(a) && c.peek(1) != null && c.peek(1).isPunctuation(b)) {
            c.next();
            c.next();
            return true;
        }
        return false;
    }

    private String operator() {
        Token t = c.next();
        char ch = t.text().charAt(0);
        switch (ch) {
            case '=':
                c.acceptPunct('=');
                return "=";
            case '!':
                c.punct('=');
                return "!=";
            case '<':
                if (c.acceptPunct('=')) {
                    return c.acceptPunct('>') ? "<=>" : "<=";
                }
                return c.acceptPunct('>') ? "!=" : "<";
            case '>':
                return c.acceptPunct('=') ? ">=" : ">";
            default:
                return String.valueOf(ch);
        }
    }

    private Expr prefix() {
        Token t = c.peek();
        if (t == null) {
            throw c.syntax("expected an expression");
        }
        if (t.kind() == TokenKind.NUMBER) {
            c.next();
            return number(t.text(), false);
        }
        if (t.kind() == TokenKind.STRING) {
            c.next();
            return new Expr.Literal(t.value(), SqlType.of("VARCHAR(" + Math.max(1, t.value().length()) + ")"));
        }
        if (t.isPunctuation('-') || t.isPunctuation('+')) {
            c.next();
            Token n = c.peek();
            if (n != null && n.kind() == TokenKind.NUMBER) {
                c.next();
                return number(n.text(), t.isPunctuation('-'));
            }
            Expr operand = parse(UNARY);
            return t.isPunctuation('-') ? new Expr.Unary("-", operand) : operand;
        }
        if (c.acceptPunct('(')) {
            if (c.peekWord("SELECT")) {
                Expr sub = subquery();
                c.punct(')');
                return sub;
            }
            Expr e = expr();
            c.punct(')');
            return e;
        }
        if (t.isPunctuation('@')) {
            return variable();
        }
        if (c.acceptPunct('*')) {
            return new Expr.Star("");
        }
        if (!t.isName()) {
            throw c.syntax("expected an expression");
        }
        if (c.peekWord("EXISTS") && c.peek(1) != null && c.peek(1).isPunctuation('(') && c.peek(2) != null
                && c.peek(2).isWord("SELECT")) {
            c.next();
            c.punct('(');
            Expr sub = subquery();
            c.punct(')');
            return new Expr.Exists((Expr.Subquery) sub);
        }
        if (t.kind() == TokenKind.WORD) {
            Expr keyword = keyword(t.text().toUpperCase(Locale.ROOT));
            if (keyword != null) {
                return keyword;
            }
        }
        String name = c.name();
        if (c.peekPunct('(') && t.kind() == TokenKind.WORD) {
            return call(name);
        }
        List<String> parts = new ArrayList<>(List.of(name));
        while (c.acceptPunct('.')) {
            if (c.acceptPunct('*')) {
                return new Expr.Star(String.join(".", parts));
            }
            parts.add(c.name());
        }
        if (parts.size() > 3) {
            throw c.syntax("too many name parts");
        }
        return new Expr.Column(String.join(".", parts.subList(0, parts.size() - 1)), parts.get(parts.size() - 1));
    }

    private Expr keyword(String w) {
        Token next = c.peek(1);
        boolean string = next != null && next.kind() == TokenKind.STRING;
        switch (w) {
            case "NULL":
                c.next();
                return new Expr.Literal(null, SqlType.NULL);
            case "TRUE":
            case "FALSE":
                c.next();
                return new Expr.Literal(w.equals("TRUE"), SqlType.BOOLEAN);
            case "NOT":
                c.next();
                return new Expr.Unary("NOT", parse(NOT));
            case "CASE":
                c.next();
                return caseWhen();
            case "CAST":
                if (next != null && next.isPunctuation('(')) {
                    c.next();
                    c.punct('(');
                    Expr operand = expr();
                    c.word("AS");
                    SqlType type = castType();
                    c.punct(')');
                    return new Expr.Cast(operand, type);
                }
                return null;
            case "DATE":
            case "TIMESTAMP":
            case "DATETIME":
                if (string) {
                    c.next();
                    return new Expr.Cast(new Expr.Literal(c.string(), SqlType.VARCHAR),
                            w.equals("DATE") ? SqlType.DATE : SqlType.DATETIME);
                }
                return null;
            default:
                if (RESERVED.contains(w) && !(next != null && next.isPunctuation('('))) {
                    throw c.syntax("expected an expression");
                }
                return null;
        }
    }

    private SqlType castType() {
        if (c.acceptWord("SIGNED") || c.acceptWord("UNSIGNED")) {
            c.acceptWord("INTEGER");
            c.acceptWord("INT");
            return SqlType.BIGINT;
        }
        String text = CreateTableParser.type(c);
        SqlType type = SqlType.of(text);
        if (type.kind() == SqlType.Kind.OTHER) {
            throw c.syntax("type " + text + " is not simulated in CAST");
        }
        return type;
    }

    private Expr caseWhen() {
        Expr operand = c.peekWord("WHEN") ? null : expr();
        List<Expr> whens = new ArrayList<>();
        List<Expr> thens = new ArrayList<>();
        while (c.acceptWord("WHEN")) {
            whens.add(expr());
            c.word("THEN");
            thens.add(expr());
        }
        if (whens.isEmpty()) {
            throw c.syntax("expected WHEN");
        }
        Expr otherwise = c.acceptWord("ELSE") ? expr() : null;
        c.word("END");
        return new Expr.Case(operand, whens, thens, otherwise);
    }

    private Expr call(String name) {
        c.punct('(');
        if (c.acceptPunct(')')) {
            return new Expr.Call(name, false, false, List.of());
        }
        if (c.peekPunct('*') && c.peek(1) != null && c.peek(1).isPunctuation(')')) {
            c.next();
            c.next();
            return new Expr.Call(name, false, true, List.of());
        }
        boolean distinct = c.acceptWord("DISTINCT");
        List<Expr> args = new ArrayList<>();
        do {
            args.add(expr());
        } while (c.acceptPunct(','));
        c.punct(')');
        return new Expr.Call(name, distinct, false, args);
    }

    private Expr variable() {
        c.punct('@');
        if (!c.acceptPunct('@')) {
            throw c.syntax("user variables are not simulated");
        }
        String first = c.name();
        if (c.acceptPunct('.')) {
            return new Expr.Variable(c.name(), first.toLowerCase(Locale.ROOT));
        }
        return new Expr.Variable(first, "");
    }

    /** An integer literal gets the smallest integer type that holds it, as in Doris. */
    static Expr.Literal number(String text, boolean negative) {
        String t = negative ? "-" + text : text;
        if (t.contains("e") || t.contains("E")) {
            return new Expr.Literal(Double.parseDouble(t), SqlType.DOUBLE);
        }
        if (t.contains(".")) {
            BigDecimal d = new BigDecimal(t);
            return new Expr.Literal(d, SqlType.decimal(Math.max(d.precision(), d.scale()), d.scale()));
        }
        BigInteger b = new BigInteger(t);
        int bits = b.bitLength();
        if (bits > 127) {
            BigDecimal d = new BigDecimal(b);
            return new Expr.Literal(d, SqlType.decimal(d.precision(), 0));
        }
        if (bits > 63) {
            return new Expr.Literal(b, SqlType.LARGEINT);
        }
        SqlType type = bits <= 7 ? SqlType.TINYINT : bits <= 15 ? SqlType.SMALLINT : bits <= 31 ? SqlType.INT
                : SqlType.BIGINT;
        return new Expr.Literal(b.longValue(), type);
    }

    /** A {@code SELECT ...} inside parentheses (the cursor is on SELECT; the caller reads the ')'). */
    private Expr subquery() {
        int start = c.position();
        Query q = Query.parseBody(c);
        return new Expr.Subquery(q, c.textFrom(start));
    }
}
