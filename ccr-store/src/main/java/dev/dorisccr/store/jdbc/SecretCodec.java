package dev.dorisccr.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes secrets for storage. With a key (base64 of 16, 24 or 32 bytes, from the config or {@code
 * CCR_SECRET_KEY}): AES-GCM with a random 96-bit nonce and the job and secret names as associated
 * data, stored as {@code enc:v1:<base64(nonce|ciphertext|tag)>}. Without a key: {@code
 * plain:<value>}. Plain values are still read when a key is set (they are encrypted on the next
 * update); an encrypted value that cannot be decrypted fails with {@code SECRET_UNREADABLE}.
 */
public final class SecretCodec {
    /** The environment variable that holds the key. */
    public static final String ENV_KEY = "CCR_SECRET_KEY";

    private static final String ENCRYPTED = "enc:v1:";
    private static final String PLAIN = "plain:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Optional<SecretKeySpec> key;
    private final SecureRandom random;

    private SecretCodec(Optional<SecretKeySpec> key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /** A codec that stores secrets unencrypted (and cannot read encrypted ones). */
    public static SecretCodec plaintext() {
        return new SecretCodec(Optional.empty(), new SecureRandom());
    }

    /** A codec with an AES key given as base64; fails with {@code INVALID_CONFIG} for a bad key. */
    public static SecretCodec withKey(Secret base64Key) {
        requireNonNull(base64Key, "base64Key is null");
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.reveal().trim());
        } catch (IllegalArgumentException e) {
            throw new CcrException(ErrorCode.INVALID_CONFIG, ENV_KEY + " is not valid base64", e);
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new CcrException(ErrorCode.INVALID_CONFIG,
                    ENV_KEY + " must decode to 16, 24 or 32 bytes (AES-128/192/256)").with("bytes", raw.length);
        }
        return new SecretCodec(Optional.of(new SecretKeySpec(raw, "AES")), new SecureRandom());
    }

    public boolean encrypts() {
        return key.isPresent();
    }

    String encode(String jobName, String secretName, Secret secret) {
        if (key.isEmpty()) {
            return PLAIN + secret.reveal();
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(jobName, secretName));
            byte[] sealed = cipher.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return ENCRYPTED + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new CcrException(ErrorCode.INTERNAL_ERROR, "AES-GCM encryption failed", e);
        }
    }

    Secret decode(String jobName, String secretName, String stored) {
        if (stored.startsWith(PLAIN)) {
            return Secret.of(stored.substring(PLAIN.length()));
        }
        if (!stored.startsWith(ENCRYPTED)) {
            throw unreadable(jobName, secretName, "unknown encoding", null);
        }
        if (key.isEmpty()) {
            throw unreadable(jobName, secretName, "it is encrypted but no " + ENV_KEY + " is configured", null);
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(ENCRYPTED.length()));
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw unreadable(jobName, secretName, "the stored value is truncated", null);
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(jobName, secretName));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return Secret.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw unreadable(jobName, secretName,
                    "decryption failed: " + ENV_KEY + " differs from the key it was written with, or the value"
                            + " was altered", e);
        }
    }

    private static byte[] aad(String jobName, String secretName) {
        return (jobName + '\u0000' + secretName).getBytes(StandardCharsets.UTF_8);
    }

    private static CcrException unreadable(String jobName, String secretName, String why, Throwable cause) {
        return new CcrException(ErrorCode.SECRET_UNREADABLE, "cannot read stored secret: " + why, cause)
                .with("job", jobName)
                .with("secret", secretName);
    }

    @Override
    public String toString() {
        return key.isPresent() ? "SecretCodec[AES-GCM]" : "SecretCodec[plaintext]";
    }
}
