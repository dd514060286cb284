/**
 * Migration from the Go {@code ccr-syncer}: its store's rows ({@link
 * dev.dorisccr.core.migrate.GoStoreContents}, read by {@code ccr-store}), its job JSON ({@link
 * dev.dorisccr.core.migrate.GoJobInfo}) and the import into this syncer's store ({@link
 * dev.dorisccr.core.migrate.GoMigration}); the progress rules are {@link
 * dev.dorisccr.core.migrate.GoProgressImport}'s.
 *
 * <pre>{@code
 * GoMigration m = new GoMigration(spec -> new SqlTxnLookup(connector, spec), Clock.systemUTC());
 * GoMigration.Report dry = m.dryRun(GoStoreReader.read(goStore), Set.of(), false);
 * GoMigration.Report done = m.migrate(GoStoreReader.read(goStore), store, false);
 * }</pre>
 */
package dev.dorisccr.core.migrate;
