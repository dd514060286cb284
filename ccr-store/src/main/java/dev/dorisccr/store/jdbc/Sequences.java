package dev.dorisccr.store.jdbc;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The store-wide counter behind job versions and fencing tokens: one row, incremented inside the
 * caller's transaction (which locks it until commit), so values are unique and grow across jobs,
 * deletions and syncers.
 */
final class Sequences {
    private Sequences() {}

    static long next(Connection c) throws SQLException {
        try (PreparedStatement bump = c.prepareStatement(StoreSql.BUMP_SEQUENCE)) {
            bump.setString(1, StoreSql.VERSION_SEQUENCE);
            if (bump.executeUpdate() != 1) {
                throw new CcrException(ErrorCode.ILLEGAL_STATE, "the ccr_sequence row is missing");
            }
        }
        try (PreparedStatement read = c.prepareStatement(StoreSql.READ_SEQUENCE)) {
            read.setString(1, StoreSql.VERSION_SEQUENCE);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
