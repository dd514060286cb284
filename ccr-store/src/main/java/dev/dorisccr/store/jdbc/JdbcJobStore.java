package dev.dorisccr.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobRecord;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.StoreNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@link JobStore} over JDBC; secrets go through the {@link SecretCodec}. */
final class JdbcJobStore implements JobStore {
    private final Transactor tx;
    private final StoreSql sql;
    private final SecretCodec codec;
    private final InstantSource clock;

    JdbcJobStore(Transactor tx, StoreSql sql, SecretCodec codec, InstantSource clock) {
        this.tx = tx;
        this.sql = sql;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public JobRecord create(String name, String spec, DesiredState desiredState, Map<String, Secret> secrets) {
        StoreNames.requireJobName(name);
        requireNonNull(spec, "spec is null");
        requireNonNull(desiredState, "desiredState is null");
        Map<String, Secret> checked = checkSecrets(secrets);
        return tx.inTransaction("create job " + name, c -> {
            long version = Sequences.next(c);
            long now = clock.millis();
            try (PreparedStatement ps = c.prepareStatement(StoreSql.INSERT_JOB)) {
                ps.setString(1, name);
                ps.setString(2, spec);
                ps.setString(3, desiredState.name());
                ps.setLong(4, version);
                ps.setLong(5, now);
                ps.setLong(6, now);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isDuplicateKey(e)) {
                    throw new CcrException(ErrorCode.JOB_ALREADY_EXISTS, "a job with this name exists", e)
                            .with("job", name);
                }
                throw e;
            }
            insertSecrets(c, name, checked);
            Instant at = Instant.ofEpochMilli(now);
            return new JobRecord(name, spec, desiredState, checked, version, at, at);
        });
    }

    @Override
    public Optional<JobRecord> get(String name) {
        StoreNames.requireJobName(name);
        return tx.inSnapshot("read job " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement(StoreSql.SELECT_JOB)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Map<String, Secret> secrets = new HashMap<>();
                    try (PreparedStatement s = c.prepareStatement(StoreSql.SELECT_SECRETS)) {
                        s.setString(1, name);
                        try (ResultSet srs = s.executeQuery()) {
                            while (srs.next()) {
                                String secretName = srs.getString(1);
                                secrets.put(secretName, codec.decode(name, secretName, srs.getString(2)));
                            }
                        }
                    }
                    return Optional.of(toRecord(rs, secrets));
                }
            }
        });
    }

    /**
     * Reads every stored secret with this store's codec and writes it back through {@code to}, in
     * one transaction: all secrets change key, or (on any unreadable value or error) none does.
     *
     * @return how many secrets were rewritten
     */
    int reencrypt(SecretCodec to) {
        requireNonNull(to, "to is null");
        return tx.inTransaction("re-encrypt the job secrets", c -> {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(StoreSql.SELECT_ALL_SECRETS);
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            try (PreparedStatement ps = c.prepareStatement(StoreSql.UPDATE_SECRET)) {
                for (String[] row : rows) {
                    Secret value = codec.decode(row[0], row[1], row[2]);
                    ps.setString(1, to.encode(row[0], row[1], value));
                    ps.setString(2, row[0]);
                    ps.setString(3, row[1]);
                    ps.addBatch();
                }
                if (!rows.isEmpty()) {
                    ps.executeBatch();
                }
            }
            return rows.size();
        });
    }

    @Override
    public List<JobRecord> list() {
        return tx.inSnapshot("list jobs", c -> {
            Map<String, Map<String, Secret>> secrets = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(StoreSql.SELECT_ALL_SECRETS);
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String job = rs.getString(1);
                    String secretName = rs.getString(2);
                    secrets.computeIfAbsent(job, k -> new HashMap<>())
                            .put(secretName, codec.decode(job, secretName, rs.getString(3)));
                }
            }
            TreeMap<String, JobRecord> jobs = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(StoreSql.SELECT_JOBS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String job = rs.getString(1);
                    jobs.put(job, toRecord(rs, secrets.getOrDefault(job, Map.of())));
                }
            }
            return List.copyOf(jobs.values());
        });
    }

    @Override
    public SortedMap<String, DesiredState> desiredStates() {
        return tx.autoCommit("list job states", c -> {
            TreeMap<String, DesiredState> states = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(StoreSql.SELECT_STATES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), DesiredState.valueOf(rs.getString(2)));
                }
            }
            return Collections.unmodifiableSortedMap(states);
        });
    }

    @Override
    public JobRecord update(
            String name, long expectedVersion, String spec, DesiredState desiredState, Map<String, Secret> secrets) {
        StoreNames.requireJobName(name);
        requireNonNull(spec, "spec is null");
        requireNonNull(desiredState, "desiredState is null");
        Map<String, Secret> checked = checkSecrets(secrets);
        return tx.inTransaction("update job " + name, c -> {
            long stored = lockVersion(c, name);
            requireVersion(name, expectedVersion, stored);
            long version = Sequences.next(c);
            long now = clock.millis();
            try (PreparedStatement ps = c.prepareStatement(StoreSql.UPDATE_JOB)) {
                ps.setString(1, spec);
                ps.setString(2, desiredState.name());
                ps.setLong(3, version);
                ps.setLong(4, now);
                ps.setString(5, name);
                ps.setLong(6, expectedVersion);
                if (ps.executeUpdate() != 1) {
                    throw conflict(name, expectedVersion, stored);
                }
            }
            deleteByJob(c, StoreSql.DELETE_SECRETS, name);
            insertSecrets(c, name, checked);
            Instant createdAt;
            try (PreparedStatement ps = c.prepareStatement(StoreSql.SELECT_JOB)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    createdAt = Instant.ofEpochMilli(rs.getLong(5));
                }
            }
            return new JobRecord(name, spec, desiredState, checked, version, createdAt, Instant.ofEpochMilli(now));
        });
    }

    @Override
    public void delete(String name, long expectedVersion) {
        StoreNames.requireJobName(name);
        tx.inTransaction("delete job " + name, c -> {
            requireVersion(name, expectedVersion, lockVersion(c, name));
            deleteByJob(c, StoreSql.DELETE_SECRETS, name);
            deleteByJob(c, StoreSql.DELETE_PROGRESS, name);
            deleteByJob(c, StoreSql.DELETE_JOURNAL, name);
            deleteByJob(c, StoreSql.DELETE_LEASE, name);
            deleteByJob(c, StoreSql.DELETE_JOB, name);
            return null;
        });
    }

    private long lockVersion(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.lockJob)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new CcrException(ErrorCode.JOB_NOT_FOUND, "no such job").with("job", name);
                }
                return rs.getLong(1);
            }
        }
    }

    private static void requireVersion(String name, long expected, long stored) {
        if (expected != stored) {
            throw conflict(name, expected, stored);
        }
    }

    private static CcrException conflict(String name, long expected, long stored) {
        return new CcrException(ErrorCode.VERSION_CONFLICT, "the job was changed concurrently; re-read it")
                .with("job", name)
                .with("expectedVersion", expected)
                .with("storedVersion", stored);
    }

    private static void deleteByJob(Connection c, String statement, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    private void insertSecrets(Connection c, String name, Map<String, Secret> secrets) throws SQLException {
        if (secrets.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(StoreSql.INSERT_SECRET)) {
            for (Map.Entry<String, Secret> e : new TreeMap<>(secrets).entrySet()) {
                ps.setString(1, name);
                ps.setString(2, e.getKey());
                ps.setString(3, codec.encode(name, e.getKey(), e.getValue()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Map<String, Secret> checkSecrets(Map<String, Secret> secrets) {
        requireNonNull(secrets, "secrets is null");
        List<String> bad = new ArrayList<>();
        secrets.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > StoreNames.MAX_LENGTH || v == null) {
                bad.add(String.valueOf(k));
            }
        });
        if (!bad.isEmpty()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT,
                    "secret names must be 1.." + StoreNames.MAX_LENGTH + " characters with a value")
                    .with("secrets", bad);
        }
        return Map.copyOf(secrets);
    }

    private static JobRecord toRecord(ResultSet rs, Map<String, Secret> secrets) throws SQLException {
        return new JobRecord(rs.getString(1), rs.getString(2), DesiredState.valueOf(rs.getString(3)), secrets,
                rs.getLong(4), Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)));
    }
}
