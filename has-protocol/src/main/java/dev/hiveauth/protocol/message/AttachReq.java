package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code attach_req}, APP→HAS: after a reconnect, re-binds a pending request (or its stored reply) to
 * this socket.
 *
 * @param uuid the request to re-attach
 */
public record AttachReq(String uuid) implements HasMessage {
    /** The {@code cmd} of this message. */
    public static final String CMD = "attach_req";

    /** Checks that {@code uuid} is present. */
    public AttachReq {
        Objects.requireNonNull(uuid, "uuid");
    }

    @Override
    public String cmd() {
        return CMD;
    }
}
