package dev.hiveauth.app;

import dev.hiveauth.protocol.payload.AuthPayload;
import java.util.Objects;

/**
 * What to show the user while an authentication waits: the {@code has://auth_req/…} link (as a QR code or
 * a deep link) that hands the wallet the request's uuid and the auth_key, and when the request expires.
 *
 * @param uuid the request id from {@code auth_wait}
 * @param expire when the request expires, epoch ms
 * @param payload the out-of-band payload; it contains the auth_key, so {@link #toString()} leaves it out
 */
public record AuthPrompt(String uuid, long expire, AuthPayload payload) {
    /** Checks that the uuid and the payload are present. */
    public AuthPrompt {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(payload, "payload");
    }

    /** The {@code has://auth_req/<Base64>} URI to render as a QR code or open as a deep link. */
    public String uri() {
        return payload.toUri();
    }

    @Override
    public String toString() {
        return "AuthPrompt[uuid=" + uuid + ", expire=" + expire + ", account=" + payload.account() + "]";
    }
}
