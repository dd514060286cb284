package dev.dorisccr.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.StoreNames;
import dev.dorisccr.core.spi.SyncerInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link LeaseStore} over JDBC. Acquisition locks the job row then the lease row, so concurrent
 * acquirers (and deletion) are serialised per job; fencing tokens come from the store-wide sequence.
 * Times are stored as epoch milliseconds.
 */
final class JdbcLeaseStore implements LeaseStore {
    private final Transactor tx;
    private final StoreSql sql;

    JdbcLeaseStore(Transactor tx, StoreSql sql) {
        this.tx = tx;
        this.sql = sql;
    }

    @Override
    public void heartbeat(String address, Instant now) {
        StoreNames.requireAddress(address);
        requireNonNull(now, "now is null");
        tx.inTransaction("heartbeat of " + address, c -> {
            try (PreparedStatement up = c.prepareStatement(StoreSql.UPDATE_SYNCER)) {
                up.setLong(1, now.toEpochMilli());
                up.setString(2, address);
                if (up.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ins = c.prepareStatement(StoreSql.INSERT_SYNCER)) {
                ins.setString(1, address);
                ins.setLong(2, now.toEpochMilli());
                ins.executeUpdate();
            } catch (SQLException e) {
                if (!SqlErrors.isDuplicateKey(e)) {
                    throw e;
                }
                // Named condition: the same address registered concurrently; the first heartbeat stands.
            }
            return null;
        });
    }

    @Override
    public List<SyncerInfo> syncers() {
        return tx.autoCommit("list syncers", c -> {
            List<SyncerInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(StoreSql.SELECT_SYNCERS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SyncerInfo(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
                }
            }
            out.sort(Comparator.comparing(SyncerInfo::address));
            return List.copyOf(out);
        });
    }

    @Override
    public int removeSyncersSilentSince(Instant before) {
        requireNonNull(before, "before is null");
        return tx.autoCommit("remove silent syncers", c -> {
            try (PreparedStatement ps = c.prepareStatement(StoreSql.DELETE_SILENT_SYNCERS)) {
                ps.setLong(1, before.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<JobLease> tryAcquire(String jobName, String owner, Instant now, Duration ttl) {
        StoreNames.requireJobName(jobName);
        StoreNames.requireAddress(owner);
        requireNonNull(now, "now is null");
        requirePositive(ttl);
        return tx.inTransaction("acquire lease of " + jobName, c -> {
            try (PreparedStatement job = c.prepareStatement(sql.lockJob)) {
                job.setString(1, jobName);
                try (ResultSet rs = job.executeQuery()) {
                    if (!rs.next()) {
                        throw new CcrException(ErrorCode.JOB_NOT_FOUND, "no such job").with("job", jobName);
                    }
                }
            }
            boolean exists = false;
            try (PreparedStatement lease = c.prepareStatement(sql.lockLease)) {
                lease.setString(1, jobName);
                try (ResultSet rs = lease.executeQuery()) {
                    if (rs.next()) {
                        exists = true;
                        String holder = rs.getString(1);
                        boolean expired = now.toEpochMilli() >= rs.getLong(3);
                        if (!expired && !holder.equals(owner)) {
                            return Optional.empty();
                        }
                    }
                }
            }
            long token = Sequences.next(c);
            long expiresAt = now.plus(ttl).toEpochMilli();
            try (PreparedStatement ps = c.prepareStatement(exists ? StoreSql.TAKE_LEASE : StoreSql.INSERT_LEASE)) {
                if (exists) {
                    ps.setString(1, owner);
                    ps.setLong(2, token);
                    ps.setLong(3, expiresAt);
                    ps.setString(4, jobName);
                } else {
                    ps.setString(1, jobName);
                    ps.setString(2, owner);
                    ps.setLong(3, token);
                    ps.setLong(4, expiresAt);
                }
                ps.executeUpdate();
            }
            return Optional.of(new JobLease(jobName, owner, token, Instant.ofEpochMilli(expiresAt)));
        });
    }

    @Override
    public JobLease renew(JobLease lease, Instant now, Duration ttl) {
        requireNonNull(lease, "lease is null");
        requireNonNull(now, "now is null");
        requirePositive(ttl);
        long expiresAt = now.plus(ttl).toEpochMilli();
        int updated = setExpiry(lease, expiresAt, "renew lease of " + lease.jobName());
        if (updated != 1) {
            throw new CcrException(ErrorCode.LEASE_LOST, "the lease was taken over or the job deleted")
                    .with("job", lease.jobName())
                    .with("owner", lease.owner())
                    .with("fencingToken", lease.token());
        }
        return new JobLease(lease.jobName(), lease.owner(), lease.token(), Instant.ofEpochMilli(expiresAt));
    }

    /**
     * One UPDATE per owner and {@value StoreSql#RENEW_CHUNK} leases; when it matched fewer rows than
     * leases, one SELECT tells which are still current (the rest were lost and not changed).
     */
    @Override
    public List<JobLease> renewAll(Collection<JobLease> held, Instant now, Duration ttl) {
        requireNonNull(held, "held is null");
        requireNonNull(now, "now is null");
        requirePositive(ttl);
        if (held.isEmpty()) {
            return List.of();
        }
        long expiresAt = now.plus(ttl).toEpochMilli();
        Map<String, List<JobLease>> byOwner = new TreeMap<>();
        for (JobLease l : held) {
            byOwner.computeIfAbsent(l.owner(), k -> new ArrayList<>()).add(l);
        }
        return tx.inTransaction("renew " + held.size() + " leases", c -> {
            List<JobLease> renewed = new ArrayList<>();
            for (Map.Entry<String, List<JobLease>> e : byOwner.entrySet()) {
                List<JobLease> all = e.getValue();
                for (int from = 0; from < all.size(); from += StoreSql.RENEW_CHUNK) {
                    List<JobLease> chunk = all.subList(from, Math.min(all.size(), from + StoreSql.RENEW_CHUNK));
                    int matched;
                    try (PreparedStatement ps = c.prepareStatement(StoreSql.RENEW_LEASES)) {
                        ps.setLong(1, expiresAt);
                        ps.setString(2, e.getKey());
                        bindTokens(ps, 3, chunk);
                        matched = ps.executeUpdate();
                    }
                    Map<String, Long> current = new HashMap<>();
                    if (matched == chunk.size()) {
                        chunk.forEach(l -> current.put(l.jobName(), l.token()));
                    } else {
                        try (PreparedStatement ps = c.prepareStatement(StoreSql.SELECT_CURRENT_LEASES)) {
                            ps.setString(1, e.getKey());
                            bindTokens(ps, 2, chunk);
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    current.put(rs.getString(1), rs.getLong(2));
                                }
                            }
                        }
                    }
                    for (JobLease l : chunk) {
                        Long token = current.get(l.jobName());
                        if (token != null && token == l.token()) {
                            renewed.add(new JobLease(l.jobName(), l.owner(), l.token(), Instant.ofEpochMilli(expiresAt)));
                        }
                    }
                }
            }
            renewed.sort(Comparator.comparing(JobLease::jobName));
            return List.copyOf(renewed);
        });
    }

    /** Binds the chunk's tokens from {@code first} on, repeating the last to fill the statement's list. */
    private static void bindTokens(PreparedStatement ps, int first, List<JobLease> chunk) throws SQLException {
        for (int i = 0; i < StoreSql.RENEW_CHUNK; i++) {
            ps.setLong(first + i, chunk.get(Math.min(i, chunk.size() - 1)).token());
        }
    }

    @Override
    public boolean release(JobLease lease, Instant now) {
        requireNonNull(lease, "lease is null");
        requireNonNull(now, "now is null");
        return setExpiry(lease, now.toEpochMilli(), "release lease of " + lease.jobName()) == 1;
    }

    private int setExpiry(JobLease lease, long expiresAt, String what) {
        return tx.autoCommit(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(StoreSql.RENEW_LEASE)) {
                ps.setLong(1, expiresAt);
                ps.setString(2, lease.jobName());
                ps.setString(3, lease.owner());
                ps.setLong(4, lease.token());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<JobLease> leases() {
        return tx.autoCommit("list leases", c -> {
            List<JobLease> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(StoreSql.SELECT_LEASES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JobLease(rs.getString(1), rs.getString(2), rs.getLong(3),
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
            out.sort(Comparator.comparing(JobLease::jobName));
            return List.copyOf(out);
        });
    }

    private static void requirePositive(Duration ttl) {
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "lease ttl must be positive").with("ttl", ttl);
        }
    }
}
