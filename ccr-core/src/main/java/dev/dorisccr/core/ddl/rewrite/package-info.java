/**
 * Rewriting of source DDL for the target cluster: CREATE TABLE (renames, is_being_synced, erased
 * properties, auto bucket) and simple CREATE VIEW. Text outside the edited tokens is kept byte
 * for byte.
 *
 * <pre>{@code
 * RewriteResult r = CreateTableRewriter.rewriteWithNotes(sourceDdl,
 *         RewriteOptions.defaults().withTargetTable(Identifier.of("t_copy")));
 * targetFe.execute(r.sql());
 * r.notes().forEach(log::info);
 * }</pre>
 */
package dev.dorisccr.core.ddl.rewrite;
