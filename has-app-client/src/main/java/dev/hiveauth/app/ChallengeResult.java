package dev.hiveauth.app;

import java.util.Objects;

/**
 * A wallet's answer to a challenge: the public key it used and, for a challenge to sign, the signature (hive-js
 * {@code Signature.signBuffer}, 130 hex characters; check it with {@link ChallengeVerifier}) or, for a memo to
 * decrypt, the decrypted text.
 *
 * @param uuid the request that was answered
 * @param publicKey the key the wallet used ({@code STM…})
 * @param answer the signature in hex, or the decrypted memo (with its leading {@code #}, as hive-js returns it)
 */
public record ChallengeResult(String uuid, String publicKey, String answer) {
    /** Checks that the uuid, the public key and the answer are present. */
    public ChallengeResult {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(answer, "answer");
    }
}
