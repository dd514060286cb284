package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;

/** Validation of the names the stores key on (job names, syncer addresses). */
public final class StoreNames {
    /** The longest syncer address a store accepts. */
    public static final int MAX_LENGTH = 255;
    /** The longest job name: the one limit every layer checks ({@code JobSpec}, the stores, the API). */
    public static final int MAX_JOB_NAME_LENGTH = 128;

    private StoreNames() {}

    /** A job name: 1 to {@value #MAX_JOB_NAME_LENGTH} characters, not blank, no control characters. */
    public static String requireJobName(String name) {
        requireNonNull(name, "jobName is null");
        if (name.isBlank() || name.length() > MAX_JOB_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new CcrException(
                    ErrorCode.INVALID_ARGUMENT,
                    "job name must be 1.." + MAX_JOB_NAME_LENGTH + " characters without control characters")
                    .with("jobName", name.length() > 64 ? name.substring(0, 64) + "..." : name);
        }
        return name;
    }

    /**
     * A syncer address {@code host:port} with a port in 0..65535. Port 0 names a syncer without an
     * HTTP API (an embedded engine): requests for its jobs cannot be redirected to it.
     */
    public static String requireAddress(String address) {
        requireNonNull(address, "address is null");
        int colon = address.lastIndexOf(':');
        boolean ok = colon > 0 && colon < address.length() - 1 && address.length() <= MAX_LENGTH
                && !address.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
        if (ok) {
            String port = address.substring(colon + 1);
            ok = port.length() <= 5 && port.chars().allMatch(Character::isDigit);
            if (ok) {
                int p = Integer.parseInt(port);
                ok = p >= 0 && p <= 65535;
            }
        }
        if (!ok) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "syncer address must be host:port")
                    .with("address", address);
        }
        return address;
    }
}
