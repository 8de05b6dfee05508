package dev.hiveauth.protocol.crypto;

/**
 * A CryptoJS ciphertext that does not decrypt to text with the given passphrase, with the precise
 * {@link Reason}. Unchecked, and without a stack trace: trying the wrong key is a normal event (a wallet
 * tries the keys of every app it authenticated).
 */
public final class DecryptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the ciphertext was refused. */
    public enum Reason {
        /** Not standard Base64. */
        NOT_BASE64(false),
        /** Does not start with the OpenSSL {@code Salted__} header and its 8-byte salt. */
        NO_SALT_HEADER(false),
        /** No ciphertext after the salt, or not a whole number of 16-byte AES blocks. */
        BAD_LENGTH(false),
        /** The last block's PKCS#7 padding is invalid: almost always the wrong passphrase. */
        BAD_PADDING(true),
        /** The plaintext bytes are not valid UTF-8: the wrong passphrase, or a tampered ciphertext. */
        NOT_UTF8(true);

        private final boolean wrongKey;

        Reason(boolean wrongKey) {
            this.wrongKey = wrongKey;
        }

        /** True when a well-formed ciphertext failed to decrypt (wrong passphrase or tampering). */
        public boolean isWrongKey() {
            return wrongKey;
        }
    }

    /** What kind of failure. */
    private final Reason reason;

    DecryptionException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** What kind of failure, so callers can react without matching the message. */
    public Reason reason() {
        return reason;
    }
}
