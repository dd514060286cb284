package dev.dorisccr.server.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * {@code <pid_dir>/<host>_<port>.pid}, as the Go start script keeps it: the decimal process id and
 * a newline. {@link #claim} refuses when the file names a live process; {@link #close} removes the
 * file only while it still holds this process's id.
 */
public final class PidFile implements AutoCloseable {
    private final Path file;
    private final long pid;
    private boolean written;

    private PidFile(Path file, long pid) {
        this.file = file;
        this.pid = pid;
    }

    /** Thrown when another live process holds the pid file. */
    public static final class AlreadyRunningException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long pid;

        AlreadyRunningException(Path file, long pid) {
            super("a syncer is already running as process " + pid + " (pid file " + file + "); stop it first");
            this.pid = pid;
        }

        public long pid() {
            return pid;
        }
    }

    /** The pid in {@code file}, when it holds one. */
    public static OptionalLong read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The live process named by {@code file}, other than this one. */
    public static OptionalLong liveOwner(Path file) {
        OptionalLong other = read(file);
        if (other.isPresent() && other.getAsLong() != ProcessHandle.current().pid()
                && ProcessHandle.of(other.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
            return other;
        }
        return OptionalLong.empty();
    }

    /**
     * Checks that no live process holds {@code file} (a stale file is left to be overwritten) and
     * returns a handle for this process; nothing is written yet.
     */
    public static PidFile claim(Path file) {
        requireNonNull(file, "file is null");
        OptionalLong other = liveOwner(file);
        if (other.isPresent()) {
            throw new AlreadyRunningException(file, other.getAsLong());
        }
        return new PidFile(file, ProcessHandle.current().pid());
    }

    public Path path() {
        return file;
    }

    /** Writes this process's id, atomically (temporary file, then rename). */
    public void write() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + pid);
            Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            written = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pid file " + file, e);
        }
    }

    /** Removes the file if it still holds this process's id. */
    @Override
    public void close() {
        if (!written) {
            return;
        }
        written = false;
        OptionalLong inFile = read(file);
        if (inFile.isPresent() && inFile.getAsLong() == pid) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the pid file " + file, e);
            }
        }
    }
}
