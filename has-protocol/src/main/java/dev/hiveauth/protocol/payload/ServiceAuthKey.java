package dev.hiveauth.protocol.payload;

import dev.hiveauth.protocol.crypto.CryptoJsAes;
import java.util.Optional;

/**
 * The service-mode {@code auth_key}: an APP talking to a PKSA without a screen (no QR code to scan) sends
 * the {@code auth_key} in its {@code auth_req}, encrypted with a secret it shares with that PKSA (the APP's
 * {@code auth_key_secret}, the PKSA's {@code auth_req_secret}); the HAS relays it unread.
 */
public final class ServiceAuthKey {
    private ServiceAuthKey() {
    }

    /** The {@code auth_key} field of an {@code auth_req}. */
    public static String wrap(String authKey, String secret) {
        return CryptoJsAes.encrypt(authKey, secret);
    }

    /**
     * The {@code auth_key}, or empty when {@code wrapped} does not decrypt with {@code secret}. The
     * plaintext is not JSON, so only padding and UTF-8 are checked: a wrong secret passes both about once
     * in 10¹⁴ tries for a uuid-sized key.
     */
    public static Optional<String> unwrap(String wrapped, String secret) {
        return CryptoJsAes.tryDecrypt(wrapped, secret);
    }
}
