package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code challenge_err}: PKSA→HAS with a proof of key, then HAS→APP without it. The PKSA failed to process the
 * request.
 *
 * @param uuid the request that failed
 * @param error the error message, encrypted with the {@code auth_key} by the reference PKSA (the APP falls
 *     back to the plain text when it does not decrypt)
 * @param pok the proof of key, or null
 */
public record ChallengeErr(String uuid, String error, String pok) implements Reply {
    /** The {@code cmd} of this message. */
    public static final String CMD = "challenge_err";

    /** Checks that {@code uuid} and {@code error} are present. */
    public ChallengeErr {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(error, "error");
    }

    @Override
    public String cmd() {
        return CMD;
    }

    @Override
    public Family family() {
        return Family.CHALLENGE;
    }

    /** {@code {cmd, uuid, error}}. */
    @Override
    public ChallengeErr relayed() {
        return new ChallengeErr(uuid, error, null);
    }
}
