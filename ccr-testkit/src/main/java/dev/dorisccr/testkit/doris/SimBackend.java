package dev.dorisccr.testkit.doris;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A simulated backend: its address (host as the cluster reports it, Thrift be_port, HTTP port) and
 * the replicas it stores. Guarded by the cluster lock.
 */
public final class SimBackend {
    private final long id;
    private final String host;
    private int bePort;
    private int httpPort;
    private boolean alive = true;
    private final Map<Long, TabletData> tablets = new HashMap<>();
    /** Local snapshot files of BACKUP ... TO __keep_on_local__: path -> the tablet's rowsets. */
    final Map<String, java.util.List<Rowset>> snapshotFiles = new HashMap<>();

    SimBackend(long id, String host) {
        this.id = id;
        this.host = requireNonNull(host, "host is null");
    }

    public long id() {
        return id;
    }

    public String host() {
        return host;
    }

    public int bePort() {
        return bePort;
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean alive() {
        return alive;
    }

    void setPorts(int be, int http) {
        this.bePort = be;
        this.httpPort = http;
    }

    void setAlive(boolean a) {
        this.alive = a;
    }

    TabletData createTablet(long tabletId) {
        return tablets.computeIfAbsent(tabletId, TabletData::new);
    }

    void dropTablet(long tabletId) {
        tablets.remove(tabletId);
    }

    Optional<TabletData> tablet(long tabletId) {
        return Optional.ofNullable(tablets.get(tabletId));
    }

    int tabletCount() {
        return tablets.size();
    }
}
