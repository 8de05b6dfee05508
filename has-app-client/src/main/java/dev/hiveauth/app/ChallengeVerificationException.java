package dev.hiveauth.app;

/** A challenge answer that does not prove what it should: a bad signature, another signer, or not the account's key. */
public final class ChallengeVerificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChallengeVerificationException(String message) {
        super(message);
    }
}
