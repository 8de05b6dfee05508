package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code auth_err}: PKSA→HAS with a proof of key, then HAS→APP without it. The PKSA failed to process the
 * request.
 *
 * @param uuid the request that failed
 * @param error the error message; the reference service PKSA sends it in plain text for {@code auth_err}
 * @param pok the proof of key, or null
 */
public record AuthErr(String uuid, String error, String pok) implements Reply {
    /** The {@code cmd} of this message. */
    public static final String CMD = "auth_err";

    /** Checks that {@code uuid} and {@code error} are present. */
    public AuthErr {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(error, "error");
    }

    @Override
    public String cmd() {
        return CMD;
    }

    @Override
    public Family family() {
        return Family.AUTH;
    }

    /** {@code {cmd, uuid, error}}. */
    @Override
    public AuthErr relayed() {
        return new AuthErr(uuid, error, null);
    }
}
