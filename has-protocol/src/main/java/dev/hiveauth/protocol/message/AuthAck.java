package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code auth_ack}: PKSA→HAS with a proof of key, then HAS→APP without it. The user approved.
 *
 * @param uuid the request answered
 * @param data {@code auth_ack_data} (expiry of the authentication, optional signed challenge) encrypted with the
 *     {@code auth_key}
 * @param pok the proof of key, or null (Hive Keychain Mobile sends none)
 */
public record AuthAck(String uuid, String data, String pok) implements Reply {
    /** The {@code cmd} of this message. */
    public static final String CMD = "auth_ack";

    /** Checks that {@code uuid} and {@code data} are present. */
    public AuthAck {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public String cmd() {
        return CMD;
    }

    @Override
    public Family family() {
        return Family.AUTH;
    }

    /** {@code {cmd, uuid, data}}. */
    @Override
    public AuthAck relayed() {
        return new AuthAck(uuid, data, null);
    }
}
