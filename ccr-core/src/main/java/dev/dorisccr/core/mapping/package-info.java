/**
 * Source-to-target identity mapping: partitions by range, indexes by name, tablets by position,
 * replicas round-robin.
 *
 * <pre>{@code
 * List<IngestTask> tasks = IngestPlanner.plan(srcTable, destTable, partitionUpsert, Set.of());
 * }</pre>
 */
package dev.dorisccr.core.mapping;
