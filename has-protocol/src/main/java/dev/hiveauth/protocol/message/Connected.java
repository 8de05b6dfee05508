package dev.hiveauth.protocol.message;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * {@code connected}, HAS→APP and HAS→PKSA, sent as soon as a socket opens.
 *
 * @param timeout seconds before the HAS expires a request (default 60)
 * @param version the server's code version
 * @param protocol the protocol version, a JSON number: {@code 1} today, {@code 0.8} on old servers. Kept
 *     exact; normalised so that {@code 1.0} equals {@code 1} and is written {@code 1}
 */
public record Connected(int timeout, String version, BigDecimal protocol) implements HasMessage {
    /** The {@code cmd} of this message. */
    public static final String CMD = "connected";
    /** The protocol version this implementation speaks. */
    public static final BigDecimal PROTOCOL = BigDecimal.ONE;
    /** Protocol numbers must stay below this (a guard against absurd values like {@code 1e999999}). */
    static final BigDecimal PROTOCOL_LIMIT = BigDecimal.valueOf(1000);
    /** Most decimals a protocol number may have. */
    static final int PROTOCOL_MAX_SCALE = 6;

    /**
     * Checks that {@code version} is present, {@code timeout} is not negative and {@code protocol} is a version number.
     */
    public Connected {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(protocol, "protocol");
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        if (!isSaneProtocol(protocol)) {
            throw new IllegalArgumentException("protocol must be in [0, 1000) with at most 6 decimals");
        }
        protocol = protocol.signum() == 0 ? BigDecimal.ZERO : protocol.stripTrailingZeros();
    }

    /** The {@code connected} of a server speaking this implementation's protocol ({@code 1}). */
    public Connected(int timeout, String version) {
        this(timeout, version, PROTOCOL);
    }

    static boolean isSaneProtocol(BigDecimal protocol) {
        // compareTo first: stripTrailingZeros on a huge exponent is cheap, but keep the order obvious.
        return protocol.signum() >= 0 && protocol.compareTo(PROTOCOL_LIMIT) < 0
                && protocol.stripTrailingZeros().scale() <= PROTOCOL_MAX_SCALE;
    }

    @Override
    public String cmd() {
        return CMD;
    }
}
