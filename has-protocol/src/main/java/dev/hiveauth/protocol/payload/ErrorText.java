package dev.hiveauth.protocol.payload;

import dev.hiveauth.protocol.crypto.CryptoJsAes;

/**
 * The {@code error} of a PKSA's {@code *_err}: the reference PKSA encrypts it with the {@code auth_key} for
 * {@code sign_err} and {@code challenge_err} but sends plain text in {@code auth_err}, and a HAS can only
 * send plain text, so the APP tries to decrypt and falls back to the text as received.
 */
public final class ErrorText {
    private ErrorText() {
    }

    /** The encrypted {@code error} a PKSA sends. */
    public static String encrypt(String message, String authKey) {
        return CryptoJsAes.encrypt(message, authKey);
    }

    /** The decrypted message when {@code error} decrypts with {@code authKey}, else {@code error} itself. */
    public static String read(String error, String authKey) {
        return CryptoJsAes.tryDecrypt(error, authKey).orElse(error);
    }
}
