package dev.dorisccr.core.spi;

/**
 * Turns a secret into the text a store keeps, and back. The store module implements it with
 * AES-GCM under an operator-held key; {@link #plaintext()} exists for tests and for stores the
 * operator explicitly runs without a key.
 */
public interface SecretSealer {
    /** The text to store for {@code secret}. */
    String seal(Secret secret);

    /**
     * The secret {@code sealed} stands for.
     *
     * @throws dev.dorisccr.core.error.CcrException SECRET_UNREADABLE when it cannot be opened
     */
    Secret open(String sealed);

    /** Stores the value as it is. */
    static SecretSealer plaintext() {
        return new SecretSealer() {
            @Override
            public String seal(Secret secret) {
                return secret.reveal();
            }

            @Override
            public Secret open(String sealed) {
                return Secret.of(sealed);
            }
        };
    }
}
