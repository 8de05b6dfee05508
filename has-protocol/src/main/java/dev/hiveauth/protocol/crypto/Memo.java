package dev.hiveauth.protocol.crypto;

import java.security.SecureRandom;

/**
 * Hive encrypted memos exactly as hive-js {@code memo.encode} / {@code memo.decode} make and read them: a memo
 * starting with '#' is encrypted (the '#' itself is not), anything else passes through as plain text.
 * {@link EncryptedMemo} is the parsed form, for callers that must look at the keys first.
 */
public final class Memo {
    private static final SecureRandom NONCES = new SecureRandom();

    private Memo() {
    }

    /** Encrypts with a fresh random 64-bit nonce. */
    public static String encode(PrivateKey from, PublicKey to, String memo) {
        return encode(from, to, memo, NONCES.nextLong());
    }

    /**
     * Encrypts with the given nonce, read as an unsigned 64-bit number (hive-js takes it as a decimal string:
     * pass {@code Long.parseUnsignedLong(text)}). A memo not starting with '#' is returned unchanged.
     */
    public static String encode(PrivateKey from, PublicKey to, String memo, long nonce) {
        if (!memo.startsWith("#")) {
            return memo;
        }
        return EncryptedMemo.encrypt(from, to, memo.substring(1), nonce).toString();
    }

    /**
     * Decrypts with the sender's or the recipient's key and returns {@code "#" + text}, as hive-js does. A memo
     * not starting with '#' is returned unchanged; anything else unreadable is a {@link MemoException}.
     */
    public static String decode(PrivateKey mine, String memo) {
        if (!memo.startsWith("#")) {
            return memo;
        }
        return "#" + EncryptedMemo.parse(memo).decrypt(mine);
    }
}
