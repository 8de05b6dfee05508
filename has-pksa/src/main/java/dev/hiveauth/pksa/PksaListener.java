package dev.hiveauth.pksa;

import java.math.BigDecimal;
import java.net.URI;

/**
 * What happens on the PKSA's connections, for a user interface or a supervising program; every method is optional.
 * Called on the wallet's thread: return quickly.
 */
public interface PksaListener {

    /** The HAS confirmed the registration of an account (after every connect and reconnect). */
    default void registered(URI server, String account) {
    }

    /**
     * The HAS refused to register an account (the reason is its own words); the wallet tries again in
     * {@code retryInMillis}.
     */
    default void registrationRefused(URI server, String account, String reason, long retryInMillis) {
    }

    /** The HAS sent an {@code error}, e.g. refusing a registration. */
    default void serverError(URI server, String error) {
    }

    /** The connection was lost; the PKSA reconnects by itself. */
    default void disconnected(URI server) {
    }

    /** The HAS speaks a newer protocol than this PKSA: the connection is closed and not retried. */
    default void protocolDeclined(URI server, BigDecimal protocol) {
    }
}
