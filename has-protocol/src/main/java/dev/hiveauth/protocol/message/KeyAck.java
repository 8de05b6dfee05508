package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code key_ack}, HAS→PKSA.
 *
 * @param key the server public key, {@code STM…}; PKSAs encrypt their proofs of key to it
 */
public record KeyAck(String key) implements HasMessage {
    /** The {@code cmd} of this message. */
    public static final String CMD = "key_ack";

    /** Checks that {@code key} is present. */
    public KeyAck {
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String cmd() {
        return CMD;
    }
}
