package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code attach_ack}, HAS→APP: the request is re-attached; its stored reply, if any, follows.
 *
 * @param uuid the request re-attached
 */
public record AttachAck(String uuid) implements HasMessage {
    /** The {@code cmd} of this message. */
    public static final String CMD = "attach_ack";

    /** Checks that {@code uuid} is present. */
    public AttachAck {
        Objects.requireNonNull(uuid, "uuid");
    }

    @Override
    public String cmd() {
        return CMD;
    }
}
