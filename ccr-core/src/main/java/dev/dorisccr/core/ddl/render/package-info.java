/**
 * Rendered statements ({@link dev.dorisccr.core.ddl.render.Sql}) and the renderers that build
 * them from typed names: {@link dev.dorisccr.core.ddl.render.Statements} for DDL replay and
 * {@link dev.dorisccr.core.ddl.render.DesyncStatements} for handing tables back.
 *
 * <pre>{@code
 * Sql truncate = Statements.truncate(QualifiedName.of("db", "t"), List.of(Identifier.of("p1")));
 * // TRUNCATE TABLE `db`.`t` PARTITION (`p1`)
 * }</pre>
 */
package dev.dorisccr.core.ddl.render;
