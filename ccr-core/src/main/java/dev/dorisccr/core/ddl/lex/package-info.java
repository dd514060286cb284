/**
 * A lossless lexer for Doris SQL: tokens carry exact source spans, and whitespace and comments
 * are tokens too, so a rewriter can edit some tokens and print the rest byte for byte.
 *
 * <pre>{@code
 * List<Token> tokens = DorisLexer.tokenize("CREATE TABLE `t` (k INT) -- note");
 * String same = tokens.stream().map(Token::text).collect(Collectors.joining());
 * }</pre>
 */
package dev.dorisccr.core.ddl.lex;
