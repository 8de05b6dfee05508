package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.message.Family;

/**
 * A new request as the store keeps it: the forward wallets receive, encoded once and passed on as is, and the APP
 * connection of this node that waits for its reply.
 */
public record StoredRequest(String uuid, Family family, String account, long expire, String forwardedFrame,
                            String appConnection) {
    /** The request as wallets receive it. */
    public RequestStore.Forward forward() {
        return new RequestStore.Forward(uuid, account, family, expire, forwardedFrame);
    }
}
