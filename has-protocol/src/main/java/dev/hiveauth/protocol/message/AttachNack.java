package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code attach_nack}, HAS→APP: the HAS no longer handles that request (unknown, expired, or its reply
 * expired).
 *
 * @param uuid the request asked for
 */
public record AttachNack(String uuid) implements HasMessage {
    /** The {@code cmd} of this message. */
    public static final String CMD = "attach_nack";

    /** Checks that {@code uuid} is present. */
    public AttachNack {
        Objects.requireNonNull(uuid, "uuid");
    }

    @Override
    public String cmd() {
        return CMD;
    }
}
