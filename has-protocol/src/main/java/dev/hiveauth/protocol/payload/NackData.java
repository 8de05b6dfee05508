package dev.hiveauth.protocol.payload;

import dev.hiveauth.protocol.crypto.CryptoJsAes;

/**
 * The {@code data} of a {@code *_nack}: the request uuid encrypted with the {@code auth_key}, so the APP
 * knows the refusal comes from the PKSA it shares the key with and not from a HAS faking it.
 */
public final class NackData {
    private NackData() {
    }

    /** The {@code data} a PKSA puts in a nack of request {@code uuid}. */
    public static String encrypt(String uuid, String authKey) {
        return CryptoJsAes.encrypt(uuid, authKey);
    }

    /**
     * True when {@code data} decrypts with {@code authKey} to exactly {@code uuid}; false otherwise,
     * including when {@code data} is null (Hive Keychain Mobile sends nacks without it).
     */
    public static boolean confirms(String data, String uuid, String authKey) {
        return data != null && CryptoJsAes.tryDecrypt(data, authKey).filter(uuid::equals).isPresent();
    }
}
