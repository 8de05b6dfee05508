package dev.hiveauth.pksa;

import java.util.Objects;

/**
 * An authentication this wallet granted: the application holding {@code key} may send signing and challenge
 * requests for {@code account} until {@code expire}. {@link #toString()} never shows the key.
 *
 * @param account the Hive account
 * @param key the {@code auth_key} shared with the application (a secret)
 * @param app the application's name, or an empty string when unknown
 * @param expire when the authentication ends, epoch ms
 * @param nonce the highest request nonce accepted so far, or null before the first one
 */
public record Auth(String account, String key, String app, long expire, Long nonce) {
    /** Checks that the account, key and app are present and the key is not empty. */
    public Auth {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(app, "app");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("an auth_key must not be empty");
        }
    }

    /** True while the authentication has not expired at {@code nowMillis}. */
    public boolean isValidAt(long nowMillis) {
        return expire > nowMillis;
    }

    /** The same authentication with the nonce last accepted. */
    public Auth withNonce(long newNonce) {
        return new Auth(account, key, app, expire, newNonce);
    }

    @Override
    public String toString() {
        return "Auth[account=" + account + ", app=" + app + ", expire=" + expire + ", nonce=" + nonce + ", key=<hidden>]";
    }
}
