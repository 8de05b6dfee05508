package dev.hiveauth.app;

import java.util.Objects;

/**
 * What an approved authentication gives: the {@link Auth} to keep, and the signed challenge when one was
 * sent with the request.
 *
 * @param uuid the request that was approved
 * @param auth the authentication
 * @param challenge the wallet's answer to the challenge sent with {@code auth_req}, or null when none was
 *     asked or the wallet did not answer it (then the authentication still stands)
 */
public record AuthResult(String uuid, Auth auth, ChallengeResult challenge) {
    /** Checks that the uuid and the auth are present. */
    public AuthResult {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(auth, "auth");
    }
}
