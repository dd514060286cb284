package dev.dorisccr.testkit.mysql;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The accounts the server accepts, checked with the {@code mysql_native_password} scramble (the
 * server never sees a clear-text password on the wire). Immutable.
 */
public final class Users {
    private final Map<String, Secret> passwords;

    private Users(Map<String, Secret> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** A single account. */
    public static Users of(String user, String password) {
        return builder().add(user, password).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Set<String> names() {
        return passwords.keySet();
    }

    /**
     * Whether {@code response} is the right scramble of {@code user}'s password for {@code salt}.
     * Unknown users never match.
     */
    public boolean verify(String user, byte[] salt, byte[] response) {
        requireNonNull(user, "user is null");
        requireNonNull(salt, "salt is null");
        requireNonNull(response, "response is null");
        Secret password = passwords.get(user);
        return password != null && NativePassword.matches(password.reveal(), salt, response);
    }

    @Override
    public String toString() {
        return "Users" + passwords.keySet();
    }

    /** Collects accounts; a user added twice is an error. */
    public static final class Builder {
        private final Map<String, Secret> passwords = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(String user, String password) {
            return add(user, Secret.of(requireNonNull(password, "password is null")));
        }

        public Builder add(String user, Secret password) {
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
            if (user.isEmpty()) {
                throw new IllegalArgumentException("user name is empty");
            }
            if (passwords.putIfAbsent(user, password) != null) {
                throw new IllegalArgumentException("user added twice: " + user);
            }
            return this;
        }

        public Users build() {
            if (passwords.isEmpty()) {
                throw new IllegalStateException("no users: add at least one");
            }
            return new Users(passwords);
        }
    }
}
