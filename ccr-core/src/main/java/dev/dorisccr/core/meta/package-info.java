/**
 * The cluster model a job needs: database, table, partition, index, tablet, replica, backend, as
 * the FE's getMeta and getBackendMeta report them. Plain values; adapters fill them.
 *
 * <pre>{@code
 * DbMeta db = fe.getMeta(dbId, tableIds);
 * PartitionMeta p = db.table(tableId).orElseThrow().partitionByRange(range).orElseThrow();
 * }</pre>
 */
package dev.dorisccr.core.meta;
