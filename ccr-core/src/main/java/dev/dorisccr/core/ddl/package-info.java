/**
 * Typed names and literals that quote themselves for Doris, so no statement is ever built by
 * pasting raw names or values into SQL text.
 *
 * <pre>{@code
 * Identifier.of("my`table").quoted();            // `my``table`
 * QualifiedName.of("db", "t").quoted();          // `db`.`t`
 * StringLiteral.of("say \"hi\"").quoted();       // "say \"hi\""
 * }</pre>
 *
 * <p>Subpackages: {@code lex} (lossless lexer), {@code rewrite} (CREATE TABLE/VIEW rewriting),
 * {@code render} (statements the syncer sends).
 */
package dev.dorisccr.core.ddl;
