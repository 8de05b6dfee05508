package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code auth_nack}: PKSA→HAS with a proof of key, then HAS→APP without it. The user refused. The APP
 * trusts it only if {@code data} decrypts to the uuid with its {@code auth_key}.
 *
 * @param uuid the request refused
 * @param data the uuid encrypted with the {@code auth_key}, or null: Hive Keychain Mobile sends a nack with
 *     only the uuid when the user declines
 * @param pok the proof of key, or null
 * @param error a plain-text reason, or null (Hive Keychain Mobile sends one instead of {@code data})
 */
public record AuthNack(String uuid, String data, String pok, String error) implements Reply {
    /** The {@code cmd} of this message. */
    public static final String CMD = "auth_nack";

    /** Checks that {@code uuid} is present. */
    public AuthNack {
        Objects.requireNonNull(uuid, "uuid");
    }

    /** The documented form: uuid, encrypted uuid and proof of key. */
    public AuthNack(String uuid, String data, String pok) {
        this(uuid, data, pok, null);
    }

    @Override
    public String cmd() {
        return CMD;
    }

    @Override
    public Family family() {
        return Family.AUTH;
    }

    /** {@code {cmd, uuid, data}}, plus {@code error} when the PKSA sent one. */
    @Override
    public AuthNack relayed() {
        return new AuthNack(uuid, data, null, error);
    }
}
