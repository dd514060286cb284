package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCodecTest {
    private static final Secret KEY = Secret.of(Base64.getEncoder().encodeToString(new byte[16]));
    private static final Secret PW = Secret.of("s3cr3t-ü");

    @Test
    void encryptsWithAFreshNonceAndDecrypts() {
        SecretCodec codec = SecretCodec.withKey(KEY);
        String a = codec.encode("job", "pw", PW);
        String b = codec.encode("job", "pw", PW);
        assertThat(a).startsWith("enc:v1:").isNotEqualTo(b).doesNotContain("s3cr3t");
        assertThat(codec.decode("job", "pw", a)).isEqualTo(PW);
    }

    @Test
    void aValueMovedToAnotherJobOrNameIsRejected() {
        SecretCodec codec = SecretCodec.withKey(KEY);
        String stored = codec.encode("job", "pw", PW);
        assertUnreadable(() -> codec.decode("other", "pw", stored));
        assertUnreadable(() -> codec.decode("job", "other", stored));
    }

    @Test
    void tamperedTruncatedOrUnknownValuesAreRejected() {
        SecretCodec codec = SecretCodec.withKey(KEY);
        String stored = codec.encode("job", "pw", PW);
        byte[] raw = Base64.getDecoder().decode(stored.substring("enc:v1:".length()));
        raw[raw.length / 2] ^= 1;
        String tampered = "enc:v1:" + Base64.getEncoder().encodeToString(raw);
        assertUnreadable(() -> codec.decode("job", "pw", tampered));
        assertUnreadable(() -> codec.decode("job", "pw", "enc:v1:AAAA"));
        assertUnreadable(() -> codec.decode("job", "pw", "enc:v1:***"));
        assertUnreadable(() -> codec.decode("job", "pw", "rot13:x"));
        assertUnreadable(() -> SecretCodec.plaintext().decode("job", "pw", stored));
    }

    @Test
    void plaintextModeRoundTrips() {
        SecretCodec plain = SecretCodec.plaintext();
        assertThat(plain.encrypts()).isFalse();
        assertThat(plain.encode("j", "p", PW)).isEqualTo("plain:" + PW.reveal());
        assertThat(SecretCodec.withKey(KEY).decode("j", "p", "plain:" + PW.reveal())).isEqualTo(PW);
    }

    @Test
    void badKeysAreConfigErrors() {
        assertInvalid(Secret.of("not base64!"));
        assertInvalid(Secret.of(Base64.getEncoder().encodeToString(new byte[15])));
        assertThat(SecretCodec.withKey(Secret.of(Base64.getEncoder().encodeToString(new byte[32]))).encrypts())
                .isTrue();
        assertThat(SecretCodec.withKey(KEY).toString()).doesNotContain(KEY.reveal());
    }

    private static void assertInvalid(Secret key) {
        assertThatThrownBy(() -> SecretCodec.withKey(key))
                .isInstanceOfSatisfying(CcrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG));
    }

    private static void assertUnreadable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CcrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SECRET_UNREADABLE);
            assertThat(e.getMessage()).doesNotContain("s3cr3t");
        });
    }
}
