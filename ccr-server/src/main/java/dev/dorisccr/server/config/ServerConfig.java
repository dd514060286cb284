package dev.dorisccr.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A validated server configuration, built by {@link ServerOptions#resolve} or {@link #builder}: one small record
 * per concern, so that a new flag touches one group (its record, its {@code ServerOptions} method and its
 * reader), not a long parameter list. {@link #toString()} never shows the store password.
 *
 * @param home the distribution root (the parent of {@code bin/}); relative defaults resolve here
 * @param store the metadata store ({@code -db_*}, {@code db.conf})
 * @param http this syncer's name among syncers and its HTTP listener ({@code -host}, {@code -port},
 *     {@code -bind_address})
 * @param log the log ({@code -log_*})
 * @param process daemon, pid file and start timeout
 * @param rpc timeouts of the calls to the Doris clusters
 * @param pacing how the jobs read the source's binlog
 * @param apply how the jobs apply to the target, and the limits shared by all jobs
 * @param audit the apply journal's retention and the periodic verification
 * @param lease the job leases shared with the other syncers of the store
 */
public record ServerConfig(Path home, StoreSettings store, HttpSettings http, LogSettings log,
        ProcessSettings process, RpcSettings rpc, PacingSettings pacing, ApplySettings apply, AuditSettings audit,
        LeaseSettings lease) {
    public ServerConfig {
        requireNonNull(home, "home is null");
        requireNonNull(store, "store is null");
        requireNonNull(http, "http is null");
        requireNonNull(log, "log is null");
        requireNonNull(process, "process is null");
        requireNonNull(rpc, "rpc is null");
        requireNonNull(pacing, "pacing is null");
        requireNonNull(apply, "apply is null");
        requireNonNull(audit, "audit is null");
        requireNonNull(lease, "lease is null");
    }

    /** A builder with the Go syncer's defaults, the sqlite file under {@code home/db}. */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** This syncer's identity among syncers sharing a store. */
    public String hostPort() {
        return http.hostPort();
    }

    /** {@code <pidDir>/<host>_<port>.pid}, when a pid directory is set. */
    public Optional<Path> pidFile() {
        return process.pidDir().map(d -> d.resolve(http.host() + "_" + http.port() + ".pid"));
    }

    /** A copy with another HTTP port (tests, and port 0 resolved after binding). */
    public ServerConfig withPort(int newPort) {
        return toBuilder().http(http.withPort(newPort)).build();
    }

    public Builder toBuilder() {
        return new Builder(home).store(store).http(http).log(log).process(process).rpc(rpc).pacing(pacing)
                .apply(apply).audit(audit).lease(lease);
    }

    @Override
    public String toString() {
        return "ServerConfig[store=" + store.description() + ", syncer=" + hostPort() + ", listen="
                + http.bindAddress() + ":" + http.port() + ", logLevel=" + log.level() + ", logFile="
                + log.file().map(Path::toString).orElse("stdout") + ", pidFile="
                + pidFile().map(Path::toString).orElse("-") + ", home=" + home + "]";
    }

    /** Builder; every group starts at the Go syncer's defaults. */
    public static final class Builder {
        private final Path home;
        private StoreSettings store;
        private HttpSettings http = HttpSettings.DEFAULTS;
        private LogSettings log = LogSettings.DEFAULTS;
        private ProcessSettings process = ProcessSettings.DEFAULTS;
        private RpcSettings rpc = RpcSettings.DEFAULTS;
        private PacingSettings pacing = PacingSettings.DEFAULTS;
        private ApplySettings apply = ApplySettings.DEFAULTS;
        private LeaseSettings lease = LeaseSettings.DEFAULTS;
        private AuditSettings audit = AuditSettings.DEFAULTS;

        private Builder(Path home) {
            this.home = requireNonNull(home, "home is null");
            this.store = StoreSettings.defaults(home);
        }

        public Builder store(StoreSettings v) {
            store = v;
            return this;
        }

        public Builder http(HttpSettings v) {
            http = v;
            return this;
        }

        public Builder log(LogSettings v) {
            log = v;
            return this;
        }

        public Builder process(ProcessSettings v) {
            process = v;
            return this;
        }

        public Builder rpc(RpcSettings v) {
            rpc = v;
            return this;
        }

        public Builder pacing(PacingSettings v) {
            pacing = v;
            return this;
        }

        public Builder apply(ApplySettings v) {
            apply = v;
            return this;
        }

        public Builder audit(AuditSettings v) {
            audit = v;
            return this;
        }

        public Builder lease(LeaseSettings v) {
            lease = v;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(home, store, http, log, process, rpc, pacing, apply, audit, lease);
        }
    }
}
