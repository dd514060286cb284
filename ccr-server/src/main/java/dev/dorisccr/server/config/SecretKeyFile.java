package dev.dorisccr.server.config;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that encrypts job secrets in a SQLite store when {@code CCR_SECRET_KEY} is not set: a
 * file beside the store ({@code ccr.key}, 256 random bits in base64, mode 0600), made on first
 * start and read afterwards, so secrets are encrypted at rest by default. Keep it with the store
 * file (a backup of one without the other cannot be read). Shared stores (MySQL, PostgreSQL) need
 * the same key on every syncer, so they take it from {@code CCR_SECRET_KEY} only.
 */
public final class SecretKeyFile {
    private static final Logger log = LoggerFactory.getLogger(SecretKeyFile.class);
    /** The file name, in the SQLite file's folder. */
    public static final String NAME = "ccr.key";

    private SecretKeyFile() {}

    /** The key of the store at {@code sqliteFile} when its key file exists; makes none. */
    public static java.util.Optional<Secret> load(Path sqliteFile) {
        Path file = sqliteFile.toAbsolutePath().getParent().resolve(NAME);
        return Files.exists(file) ? java.util.Optional.of(loadOrCreate(sqliteFile)) : java.util.Optional.empty();
    }

    /** The key of the store at {@code sqliteFile}: read from its key file, made when missing. */
    public static Secret loadOrCreate(Path sqliteFile) {
        Path file = sqliteFile.toAbsolutePath().getParent().resolve(NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (key.isEmpty()) {
                throw new CcrException(ErrorCode.INVALID_CONFIG, "the secret key file " + file + " is empty");
            }
            return Secret.of(key);
        } catch (IOException e) {
            throw new CcrException(ErrorCode.INVALID_CONFIG, "cannot read or create the secret key file " + file
                    + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first: use theirs
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
        log.info("job secrets are encrypted with a new key in {} (mode 0600): keep it with the store file", file);
    }
}
