package dev.dorisccr.core.ddl.render;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import java.util.List;

/**
 * The read-only statements a consistency check runs on both clusters: the tables of a database,
 * a table's columns, indexes and partitions, and a partition checksum.
 *
 * <p>The checksum is {@code count(*)} and the sum, as LARGEINT so that it cannot wrap, of a
 * {@code murmur_hash3_64} of every row: each column cast to STRING, NULL replaced by a marker, the
 * columns chained as the function's arguments. A sum does not depend on row order or on how rows
 * are spread over tablets and rowsets; a changed, missing or extra row changes it (with
 * probability 1 - 2^-64 per row). Both functions exist in every Doris version this syncer
 * supports.
 *
 * <pre>{@code
 * Sql q = VerifyStatements.partitionChecksum(QualifiedName.of("shop", "orders"), Identifier.of("p202401"),
 *         List.of(Identifier.of("id"), Identifier.of("amount")));
 * // SELECT count(*), sum(cast(murmur_hash3_64(ifnull(cast(`id` AS STRING), "<ccr:null>"), ...) AS LARGEINT))
 * //   FROM `shop`.`orders` PARTITION (`p202401`)
 * }</pre>
 */
public final class VerifyStatements {
    /** What a NULL column hashes as (a value that equals it hashes the same: a theoretical blind spot). */
    public static final String NULL_MARKER = "<ccr:null>";

    private VerifyStatements() {}

    /** {@code SHOW FULL TABLES FROM db}: Tables_in_db, Table_type (BASE TABLE or VIEW). */
    public static Sql showFullTables(Identifier database) {
        return Sql.of(new SqlBuilder().keyword("SHOW FULL TABLES FROM").name(requireNonNull(database, "database is null"))
                .build());
    }

    /** {@code DESC db.t}: Field, Type, Null, Key, Default, Extra. */
    public static Sql describe(QualifiedName table) {
        return Sql.of(new SqlBuilder().keyword("DESC").name(requireNonNull(table, "table is null")).build());
    }

    /** {@code SHOW INDEX FROM db.t}: Key_name, Column_name, Index_type, ... */
    public static Sql showIndex(QualifiedName table) {
        return Sql.of(new SqlBuilder().keyword("SHOW INDEX FROM").name(requireNonNull(table, "table is null")).build());
    }

    /** {@code SHOW PARTITIONS FROM db.t}: PartitionName, VisibleVersion, Range, Buckets, ... */
    public static Sql showPartitions(QualifiedName table) {
        return Sql.of(new SqlBuilder().keyword("SHOW PARTITIONS FROM").name(requireNonNull(table, "table is null"))
                .build());
    }

    /** Row count and hash sum of one partition over {@code columns} (at least one). */
    public static Sql partitionChecksum(QualifiedName table, Identifier partition, List<Identifier> columns) {
        requireNonNull(table, "table is null");
        requireNonNull(partition, "partition is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no column to hash");
        }
        StringBuilder hash = new StringBuilder("murmur_hash3_64(");
        for (int i = 0; i < columns.size(); i++) {
            hash.append(i > 0 ? ", " : "").append("ifnull(cast(").append(columns.get(i).quoted()).append(" AS STRING), ")
                    .append(new SqlBuilder().literal(NULL_MARKER).build()).append(')');
        }
        hash.append(')');
        return Sql.of(new SqlBuilder().keyword("SELECT count(*) AS `rows`, sum(cast(" + hash + " AS LARGEINT)) AS `checksum`")
                .keyword("FROM").name(table).keyword("PARTITION").raw(" (").raw(partition.quoted()).raw(")").build());
    }
}
