package dev.hiveauth.app;

import java.net.URI;

/**
 * What happens to a {@link HasClient}'s connections while requests wait, for a log or a user interface (the
 * command line prints it): a request does not fail because its connection dropped — the client reconnects and
 * re-attaches it — but a user waiting for a wallet may want to know. Called on the client's callback executor,
 * in order with the requests' callbacks; every method is optional.
 */
public interface ConnectionListener {

    /**
     * A connection to the relay dropped while {@code waiting} requests waited on it; the client reconnects in
     * {@code retryInMillis}.
     */
    default void connectionLost(URI server, String reason, int waiting, long retryInMillis) {
    }

    /** A connection came back; {@code reattached} waiting requests were attached to it again. */
    default void connectionRestored(URI server, int reattached) {
    }
}
