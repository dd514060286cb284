package dev.dorisccr.server.cli;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.SyncerInfo;
import dev.dorisccr.server.config.Home;
import dev.dorisccr.server.config.SecretKeyFile;
import dev.dorisccr.server.config.ServerConfig;
import dev.dorisccr.server.config.ServerOptions;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ccr_syncer re-encrypt}: rewrites every job secret of the store under a new key, in one
 * transaction (all or nothing). The store is given by the same flags as {@code serve}; its current
 * key as {@code serve} finds it ({@code CCR_SECRET_KEY}, else for SQLite the key file beside the
 * store). The new key comes from a file or an environment variable, never the command line; with
 * {@code --write-key-file} (SQLite) it then replaces the store's key file. Refuses while a syncer
 * heartbeats on the store: a running syncer keeps writing with the old key.
 *
 * <p>Exit codes: 0 done; 1 the store could not be read or written, a value could not be read
 * with the current key, or a syncer still runs (nothing changed); 2 bad flags or a bad new key.
 */
@Command(name = "re-encrypt", versionProvider = CcrSyncerMain.Version.class,
        description = {"Re-encrypt every job secret of the store under a new key (one transaction: all or nothing).",
            "The store: the serve flags (-db_type, -db_dir, -db_host, ..., -config_file). Its current key: "
                    + "CCR_SECRET_KEY, else (sqlite3) the key file beside the store.",
            "Stop every syncer on the store first; restart them with the new key."})
public final class ReEncryptCommand implements Callable<Integer> {
    @Mixin ServerOptions options = new ServerOptions();
    @Mixin GoHelpOptions help = new GoHelpOptions();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"--new-key-file", "-new_key_file"}, paramLabel = "FILE",
            description = "File holding the new key (base64 of 16, 24 or 32 bytes, e.g. `openssl rand -base64 32`).")
    Path newKeyFile;

    @Option(names = {"--new-key-env", "-new_key_env"}, paramLabel = "NAME",
            description = "Environment variable holding the new key.")
    String newKeyEnv;

    @Option(names = {"--to-plaintext", "-to_plaintext"},
            description = "Store the secrets unencrypted (plain:<value>): only when you mean it.")
    boolean toPlaintext;

    @Option(names = {"--write-key-file", "-write_key_file"},
            description = "sqlite3: after re-encrypting, replace the key file beside the store (ccr.key, mode 0600)"
                    + " with the new key, so the next start uses it.")
    boolean writeKeyFile;

    @Option(names = {"--ignore-heartbeats", "-ignore_heartbeats"},
            description = "Run even though a syncer heartbeated on the store within the lease time (only when you"
                    + " know every syncer is stopped).")
    boolean ignoreHeartbeats;

    private final Map<String, String> env;
    private final Clock clock;

    public ReEncryptCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    /** For tests: the environment ({@code CCR_HOME}, {@code CCR_SECRET_KEY}, the new key's variable) and the clock. */
    public ReEncryptCommand(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(requireNonNull(env, "env is null"));
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        ServerConfig config;
        StoreConfig store;
        Optional<Secret> newKey;
        try {
            String home = env.get(Home.ENV);
            config = options.resolve(home == null || home.isBlank() ? Home.resolve() : Path.of(home).toAbsolutePath(),
                    env::get).config();
            newKey = newKey();
            if (writeKeyFile && (config.store().kind() != StoreKind.SQLITE3 || newKey.isEmpty())) {
                throw new IllegalArgumentException("--write-key-file needs a sqlite3 store and a new key");
            }
            store = ServeCommand.storeConfig(config, env, false);
            newKey.ifPresent(ReEncryptCommand::checkKey);
        } catch (IllegalArgumentException | CcrException e) {
            err.println("error: " + e.getMessage());
            err.println("Run `ccr_syncer re-encrypt --help` for the flags.");
            return 2;
        }
        try {
            if (!ignoreHeartbeats) {
                List<SyncerInfo> alive = aliveSyncers(store);
                if (!alive.isEmpty()) {
                    SyncerInfo s = alive.get(0);
                    err.println("error: the syncer " + s.address() + " heartbeated "
                            + Duration.between(s.heartbeatAt(), clock.instant()).toSeconds() + " s ago: stop every"
                            + " syncer on the store first (--ignore-heartbeats if you know they are stopped)");
                    return 1;
                }
            }
            int n = Stores.reencrypt(store, env, newKey);
            out.println("re-encrypted " + n + " secret(s) " + (newKey.isPresent() ? "under the new key"
                    : "as plaintext (unencrypted)"));
        } catch (CcrException e) {
            err.println("error: " + e.getMessage() + " (nothing was changed)");
            return 1;
        }
        if (newKey.isEmpty()) {
            err.println("warning: the job secrets are stored unencrypted; restart the syncers without CCR_SECRET_KEY"
                    + (config.store().kind() == StoreKind.SQLITE3 ? " and remove the key file " + keyFile(config) : ""));
            return 0;
        }
        if (writeKeyFile) {
            try {
                Path file = keyFile(config);
                Path tmp = file.resolveSibling(SecretKeyFile.NAME + ".new");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, newKey.get().reveal() + "\n", StandardCharsets.US_ASCII);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                out.println("wrote the new key to " + file + "; start the syncer as before");
            } catch (IOException | UnsupportedOperationException e) {
                err.println("error: the secrets are re-encrypted but the key file could not be replaced ("
                        + e.getMessage() + "): put the new key in it by hand, or start with CCR_SECRET_KEY set to it");
                return 1;
            }
        } else {
            out.println("restart every syncer with the new key (CCR_SECRET_KEY"
                    + (config.store().kind() == StoreKind.SQLITE3 ? ", or in the key file " + keyFile(config) : "")
                    + ")");
        }
        return 0;
    }

    private Optional<Secret> newKey() {
        int given = (newKeyFile != null ? 1 : 0) + (newKeyEnv != null ? 1 : 0) + (toPlaintext ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of --new-key-file, --new-key-env, --to-plaintext");
        }
        if (toPlaintext) {
            return Optional.empty();
        }
        String key;
        if (newKeyFile != null) {
            try {
                key = Files.readString(newKeyFile, StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the new key file " + newKeyFile + ": " + e.getMessage());
            }
        } else {
            key = env.getOrDefault(newKeyEnv, "").trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("the environment variable " + newKeyEnv + " is not set or empty");
            }
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the new key is empty");
        }
        return Optional.of(Secret.of(key));
    }

    /** The key must be base64 of 16, 24 or 32 bytes; the message never shows it. */
    private static void checkKey(Secret key) {
        byte[] raw;
        try {
            raw = java.util.Base64.getDecoder().decode(key.reveal());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the new key is not base64");
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalArgumentException("the new key must be 16, 24 or 32 bytes (base64), not " + raw.length);
        }
    }

    private List<SyncerInfo> aliveSyncers(StoreConfig store) {
        Instant now = clock.instant();
        try (MetadataStore s = Stores.open(store, env, clock)) {
            return s.leases().syncers().stream().filter(i -> i.isAliveAt(now, HaSettings.DEFAULT_LEASE_TTL)).toList();
        }
    }

    private static Path keyFile(ServerConfig config) {
        return config.store().sqliteFile().toAbsolutePath().getParent().resolve(SecretKeyFile.NAME);
    }
}
