/**
 * The store kit for embedders who bring their own metadata store: the contract as JUnit 5 tests to
 * extend ({@link dev.dorisccr.testkit.store.AbstractMetadataStoreContractTest}, {@link
 * dev.dorisccr.testkit.store.AbstractJobLeaseManagerContractTest}) and a thread-safe {@link
 * dev.dorisccr.testkit.store.InMemoryMetadataStore} that passes both. The project's own stores
 * (SQLite, MariaDB/MySQL, PostgreSQL) are tested by the same classes.
 *
 * <pre>{@code
 * class MyStoreContractTest extends AbstractMetadataStoreContractTest {
 *     @Override
 *     protected MetadataStore openStore(InstantSource clock) {
 *         return new MyStore(sharedData, clock);
 *     }
 * }
 * }</pre>
 */
package dev.dorisccr.testkit.store;
