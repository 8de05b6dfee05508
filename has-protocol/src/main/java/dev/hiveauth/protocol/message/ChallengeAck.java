package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code challenge_ack}: PKSA→HAS with a proof of key, then HAS→APP without it. The user approved.
 *
 * @param uuid the request answered
 * @param data {@code challenge_ack_data} (public key and signed challenge) encrypted with the
 *     {@code auth_key}
 * @param pok the proof of key, or null (Hive Keychain Mobile sends none)
 */
public record ChallengeAck(String uuid, String data, String pok) implements Reply {
    /** The {@code cmd} of this message. */
    public static final String CMD = "challenge_ack";

    /** Checks that {@code uuid} and {@code data} are present. */
    public ChallengeAck {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public String cmd() {
        return CMD;
    }

    @Override
    public Family family() {
        return Family.CHALLENGE;
    }

    /** {@code {cmd, uuid, data}}. */
    @Override
    public ChallengeAck relayed() {
        return new ChallengeAck(uuid, data, null);
    }
}
