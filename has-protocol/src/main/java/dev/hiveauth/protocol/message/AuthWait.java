package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code auth_wait}, HAS→APP: the immediate answer to an {@code auth_req}; the APP puts the uuid in the
 * {@code has://} payload it shows to the user.
 *
 * @param uuid the id the HAS gave the request
 * @param expire when the request expires, epoch ms
 * @param account the account being authenticated (the Keychain extension refuses an auth_wait without it)
 */
public record AuthWait(String uuid, long expire, String account) implements Wait {
    /** The {@code cmd} of this message. */
    public static final String CMD = "auth_wait";

    /** Checks that {@code uuid} and {@code account} are present and {@code expire} is a time. */
    public AuthWait {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(account, "account");
        Requests.checkExpire(expire);
    }

    @Override
    public String cmd() {
        return CMD;
    }

    @Override
    public Family family() {
        return Family.AUTH;
    }
}
