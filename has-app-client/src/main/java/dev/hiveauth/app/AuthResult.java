package dev.hiveauth.app;

import dev.hiveauth.protocol.payload.ChallengeAckData;
import java.util.Objects;

/**
 * What an approved authentication gives: the {@link Auth} to keep, and the signed challenge when one was
 * sent with the request.
 *
 * @param auth the authentication
 * @param challenge the wallet's answer to the challenge sent with {@code auth_req}, or null when none was
 *     asked or the wallet did not answer it (then the authentication still stands)
 */
public record AuthResult(Auth auth, ChallengeAckData challenge) {
    public AuthResult {
        Objects.requireNonNull(auth, "auth");
    }
}
