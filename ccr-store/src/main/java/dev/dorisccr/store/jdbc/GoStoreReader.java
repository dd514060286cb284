package dev.dorisccr.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.migrate.GoStoreContents;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Go syncer's store, read only (inventory 6.1): the tables {@code jobs}, {@code
 * progresses} and {@code syncers} in the SQLite file, in the MySQL database or in the PostgreSQL
 * schema (both {@code ccr} by default, as the Go syncer uses; this syncer's own tables are the
 * {@code ccr_*} ones, so both can live side by side). The Go mysql and postgresql stores keep the
 * progress base64-encoded, the sqlite store as raw JSON; either form is accepted in every store.
 */
public final class GoStoreReader {
    static final String SELECT_JOBS = "SELECT job_name, job_info FROM jobs ORDER BY job_name";
    static final String SELECT_PROGRESSES = "SELECT job_name, progress FROM progresses";
    static final String SELECT_SYNCERS = "SELECT host_info, timestamp FROM syncers";

    private GoStoreReader() {}

    /**
     * Reads every Go job, its progress and the Go syncers' heartbeats. Fails with {@code
     * STORE_UNAVAILABLE} when the store cannot be reached or holds no Go tables; a progress that
     * cannot be decoded is reported on its job.
     */
    public static GoStoreContents read(StoreConfig config) {
        requireNonNull(config, "config is null");
        String where = Dialect.of(config.kind()).describe(config);
        Connection c = ReadOnlyConnection.open(config, where).orElseThrow(() -> ReadOnlyConnection.missing(
                "the Go syncer's SQLite file does not exist (give it with --go_db_dir)", where));
        try (c) {
            if (!ReadOnlyConnection.tableExists(c, config, "jobs")) {
                throw ReadOnlyConnection.missing("no Go syncer store here: table jobs not found", where);
            }
            Map<String, String> progress = new HashMap<>();
            if (ReadOnlyConnection.tableExists(c, config, "progresses")) {
                query(c, SELECT_PROGRESSES, rs -> progress.put(rs.getString(1), rs.getString(2)));
            }
            List<GoStoreContents.Job> jobs = new ArrayList<>();
            query(c, SELECT_JOBS, rs -> {
                String name = rs.getString(1);
                String info = rs.getString(2);
                String raw = progress.get(name);
                Optional<String> decoded = Optional.empty();
                Optional<String> error = Optional.empty();
                if (raw != null) {
                    try {
                        decoded = Optional.of(decodeProgress(raw));
                    } catch (CcrException e) {
                        error = Optional.of(e.getMessage());
                    }
                }
                jobs.add(new GoStoreContents.Job(name, info == null ? "" : info, decoded, error));
            });
            List<GoStoreContents.Syncer> syncers = new ArrayList<>();
            if (ReadOnlyConnection.tableExists(c, config, "syncers")) {
                query(c, SELECT_SYNCERS, rs -> syncers.add(new GoStoreContents.Syncer(rs.getString(1), rs.getLong(2))));
            }
            return new GoStoreContents(where, jobs, syncers);
        } catch (SQLException e) {
            throw SqlErrors.toCcr("read the Go syncer's tables", where, e);
        }
    }

    /**
     * The progress JSON: as stored when it is JSON (sqlite), else decoded from standard base64 (the
     * Go mysql and postgresql stores' {@code UpdateProgress}).
     */
    static String decodeProgress(String stored) {
        String s = stored.strip();
        if (s.startsWith("{")) {
            return s;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new CcrException(ErrorCode.CORRUPT_METADATA, "stored progress is neither JSON nor base64: "
                    + e.getMessage());
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString().strip();
        } catch (CharacterCodingException e) {
            throw new CcrException(ErrorCode.CORRUPT_METADATA, "stored progress decodes from base64 to bytes that"
                    + " are not UTF-8");
        }
        if (!json.startsWith("{")) {
            throw new CcrException(ErrorCode.CORRUPT_METADATA, "stored progress decodes from base64 to something"
                    + " that is not a JSON object");
        }
        return json;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }
}
