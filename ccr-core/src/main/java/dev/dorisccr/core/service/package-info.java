/**
 * The job service behind the front door (implementation, not exported: docs/embedding.md,
 * section 8): {@link dev.dorisccr.core.service.Syncer} implements {@code JobService} over the
 * store, the leases and the job runners; {@link dev.dorisccr.core.service.ClusterOperations} is its
 * port to the clusters, {@link dev.dorisccr.core.service.Verifier} compares a target with its
 * source, {@link dev.dorisccr.core.service.LagSampler} shares one lag reading per job and {@link
 * dev.dorisccr.core.service.JournalPruner} keeps the apply journal bounded. {@code CcrEngine}
 * builds them.
 *
 * <pre>{@code
 * CcrEngine engine = CcrEngine.builder().sqliteStore(path).build(); // wires a Syncer
 * }</pre>
 */
package dev.dorisccr.core.service;
