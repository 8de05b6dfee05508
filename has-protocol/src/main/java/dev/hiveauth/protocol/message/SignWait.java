package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code sign_wait}, HAS→APP: the immediate answer to a {@code sign_req}.
 *
 * @param uuid the id the HAS gave the request
 * @param expire when the request expires, epoch ms
 */
public record SignWait(String uuid, long expire) implements Wait {
    /** The {@code cmd} of this message. */
    public static final String CMD = "sign_wait";

    /** Checks that {@code uuid} is present and {@code expire} is a time. */
    public SignWait {
        Objects.requireNonNull(uuid, "uuid");
        Requests.checkExpire(expire);
    }

    @Override
    public String cmd() {
        return CMD;
    }

    @Override
    public Family family() {
        return Family.SIGN;
    }
}
