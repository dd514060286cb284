package dev.dorisccr.testkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;

class UsersTest {
    private static final byte[] SALT = "abcdefghij0123456789".getBytes(StandardCharsets.US_ASCII);

    /** The client's side of mysql_native_password, written independently of the server's. */
    private static byte[] clientScramble(String password, byte[] salt)
            throws NoSuchAlgorithmException {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] hash = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
        byte[] doubleHash = sha1.digest(hash);
        sha1.update(salt);
        sha1.update(doubleHash);
        byte[] mask = sha1.digest();
        for (int i = 0; i < hash.length; i++) {
            hash[i] ^= mask[i];
        }
        return hash;
    }

    @Test
    void acceptsTheRightScrambleOnly() throws Exception {
        Users users = Users.builder().add("root", "secret").add("ro", "other").build();
        assertThat(users.verify("root", SALT, clientScramble("secret", SALT))).isTrue();
        assertThat(users.verify("root", SALT, clientScramble("Secret", SALT))).isFalse();
        assertThat(users.verify("ro", SALT, clientScramble("secret", SALT))).isFalse();
        assertThat(users.verify("nobody", SALT, clientScramble("secret", SALT))).isFalse();
        byte[] otherSalt = "zzzzzzzzzz0123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(users.verify("root", otherSalt, clientScramble("secret", SALT))).isFalse();
        assertThat(users.verify("root", SALT, new byte[0])).isFalse();
    }

    @Test
    void emptyPasswordExpectsAnEmptyResponse() throws Exception {
        Users users = Users.of("guest", "");
        assertThat(users.verify("guest", SALT, new byte[0])).isTrue();
        assertThat(users.verify("guest", SALT, clientScramble("x", SALT))).isFalse();
    }

    @Test
    void badDefinitionsFailAndToStringHidesPasswords() {
        assertThatThrownBy(() -> Users.builder().add("a", "1").add("a", "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> Users.builder().add("", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Users.builder().build())
                .isInstanceOf(IllegalStateException.class);
        assertThat(Users.of("root", "hunter2").toString()).contains("root")
                .doesNotContain("hunter2");
    }
}
