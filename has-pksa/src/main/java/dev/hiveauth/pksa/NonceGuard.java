package dev.hiveauth.pksa;

import java.util.Optional;

/**
 * The replay guard of SPEC §10: a request's nonce must be greater than the last one accepted for the same
 * authentication. A {@code sign_req} without a nonce is refused; a {@code challenge_req} without one is
 * accepted (hive-auth-wrapper 1.0 sends none), but a nonce that is present is always checked.
 */
final class NonceGuard {
    private NonceGuard() {
    }

    /** Why the request must be refused, or empty when its nonce may be accepted. */
    static Optional<String> refusal(Auth auth, Long nonce, boolean required) {
        if (nonce == null) {
            return required ? Optional.of("the request has no nonce: refused, a nonce protects against replays")
                    : Optional.empty();
        }
        long last = auth.nonce() == null ? 0 : auth.nonce();
        if (nonce <= last) {
            return Optional.of("nonce " + nonce + " is not greater than the last one accepted (" + last
                    + "): refused as a replay; send a new nonce (Date.now())");
        }
        return Optional.empty();
    }
}
