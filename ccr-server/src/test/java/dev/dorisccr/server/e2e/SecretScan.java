package dev.dorisccr.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fails when a password or token used by a test appears in what the syncer left behind: every
 * file under a folder (log files, process output, the SQLite store and its journal: secrets are
 * encrypted at rest) and every captured API response. A hit names the file and the secret's
 * position in the list, never the secret. Secrets shorter than 6 characters are refused: they
 * would match by chance.
 */
final class SecretScan {
    private final List<String> secrets;

    private SecretScan(List<String> secrets) {
        for (String s : secrets) {
            if (s.length() < 6) {
                throw new IllegalArgumentException("a secret to scan for must have at least 6 characters");
            }
        }
        this.secrets = List.copyOf(secrets);
    }

    static SecretScan of(String... secrets) {
        return new SecretScan(Arrays.asList(secrets));
    }

    /** The hits in {@code text} (what = where it came from). */
    List<String> hits(String what, String text) {
        return hits(what, text.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> hits(String what, byte[] data) {
        List<String> hits = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            if (indexOf(data, secrets.get(i).getBytes(StandardCharsets.UTF_8)) >= 0) {
                hits.add(what + " holds secret #" + i);
            }
        }
        return hits;
    }

    /** The hits in every regular file under {@code root}. */
    List<String> hitsUnder(Path root) {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                hits.addAll(hits(root.relativize(f).toString(), Files.readAllBytes(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    /** How many files under {@code root} a scan reads. */
    static long filesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void assertNoneIn(Path root) {
        List<String> hits = hitsUnder(root);
        if (!hits.isEmpty()) {
            throw new AssertionError("secrets leaked under " + root + ": " + hits);
        }
    }

    void assertNoneIn(String what, String text) {
        List<String> hits = hits(what, text);
        if (!hits.isEmpty()) {
            throw new AssertionError("secrets leaked: " + hits);
        }
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
