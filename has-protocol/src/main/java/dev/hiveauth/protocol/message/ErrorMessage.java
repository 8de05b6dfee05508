package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code error}, both directions: a human-readable reason, with the uuid of the request it concerns when
 * there is one. PKSAs send it to the HAS on their own exceptions; the HAS ignores those.
 *
 * @param error the reason
 * @param uuid the request concerned, or null
 */
public record ErrorMessage(String error, String uuid) implements HasMessage {
    /** The {@code cmd} of this message. */
    public static final String CMD = "error";

    /** Checks that {@code error} is present. */
    public ErrorMessage {
        Objects.requireNonNull(error, "error");
    }

    /** An error about no request in particular. */
    public ErrorMessage(String error) {
        this(error, null);
    }

    @Override
    public String cmd() {
        return CMD;
    }
}
