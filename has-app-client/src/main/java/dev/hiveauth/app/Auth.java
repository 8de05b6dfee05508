package dev.hiveauth.app;

import java.time.Clock;
import java.util.Objects;

/**
 * An authentication a wallet granted: keep it (it holds the shared secret) to ask the same wallet to sign
 * transactions and challenges for the account until it expires.
 *
 * @param account the Hive account
 * @param authKey the key the APP and the wallet share; the HAS never sees it. Never shown by
 *     {@link #toString()}
 * @param expire when the wallet stops honouring it, epoch ms ({@code auth_ack_data.expire})
 * @param token the session token a legacy wallet returned (Hive Keychain Mobile), or null; sent back as the
 *     top-level {@code token} of later requests because that wallet finds the session by it (SPEC §10)
 */
public record Auth(String account, String authKey, long expire, String token) {
    /** Checks that the account and the auth key are present. */
    public Auth {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(authKey, "authKey");
    }

    /** An authentication without a legacy token. */
    public Auth(String account, String authKey, long expire) {
        this(account, authKey, expire, null);
    }

    /** True once {@code expire} is reached by {@code clock}. */
    public boolean isExpired(Clock clock) {
        return clock.millis() >= expire;
    }

    @Override
    public String toString() {
        return "Auth[account=" + account + ", expire=" + expire + (token == null ? "" : ", token=…") + "]";
    }
}
