package dev.hiveauth.pksa;

import java.util.List;

/**
 * Where the wallet keeps the authentications it granted and their last nonces. Every change must be durable
 * when the method returns: the PKSA answers the APP only after that, so a crash never loses an authentication
 * the APP was told about, nor lets a nonce be replayed. The PKSA calls it from one thread at a time.
 */
public interface AuthStore {

    /** The account's authentications, expired ones included (the caller checks the time). */
    List<Auth> auths(String account);

    /** Adds an authentication. */
    void add(Auth auth);

    /** Records {@code nonce} as the last one accepted for the authentication of {@code account} with {@code key}. */
    void recordNonce(String account, String key, long nonce);

    /** Forgets every authentication that expired at or before {@code nowMillis}. */
    void removeExpired(long nowMillis);

    /** A store in memory only (it forgets everything when the process ends). */
    static AuthStore inMemory() {
        return new InMemoryAuthStore();
    }
}
