package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code register_ack}, HAS→PKSA: one per successfully registered account.
 *
 * @param account the account registered
 */
public record RegisterAck(String account) implements HasMessage {
    /** The {@code cmd} of this message. */
    public static final String CMD = "register_ack";

    /** Checks that {@code account} is present. */
    public RegisterAck {
        Objects.requireNonNull(account, "account");
    }

    @Override
    public String cmd() {
        return CMD;
    }
}
