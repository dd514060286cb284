package dev.dorisccr.testkit.mysql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code mysql_native_password} scramble: {@code SHA1(pw) XOR SHA1(salt + SHA1(SHA1(pw)))}.
 */
final class NativePassword {
    static final String PLUGIN = "mysql_native_password";
    static final int SALT_LENGTH = 20;

    private NativePassword() {
    }

    /** What a client sends for {@code password} and {@code salt}; empty for an empty password. */
    static byte[] scramble(String password, byte[] salt) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = sha1(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = sha1(stage1);
        byte[] mix = sha1(concat(salt, stage2));
        byte[] result = new byte[mix.length];
        for (int i = 0; i < mix.length; i++) {
            result[i] = (byte) (stage1[i] ^ mix[i]);
        }
        return result;
    }

    /** Constant-time comparison of a client's answer with the expected scramble. */
    static boolean matches(String password, byte[] salt, byte[] response) {
        return MessageDigest.isEqual(scramble(password, salt), response);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static byte[] sha1(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM but is missing", e);
        }
    }
}
