package dev.hiveauth.pksa;

import dev.hiveauth.protocol.transport.Backoff;
import dev.hiveauth.protocol.transport.RelaySocket;
import dev.hiveauth.protocol.transport.Timers;
import java.net.URI;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * What a wallet's relay links share: the wallet itself, its thread, the transport's timers, the listener, the
 * frame log, the backoff of its retries and how sockets are made.
 *
 * @param name the name sent in {@code register_req.app}
 * @param retryBackoff spaces registrations and replies sent again after a passing refusal
 */
record WalletContext(String name, Wallet wallet, Executor thread, Timers timers, PksaListener listener,
                     FrameLog frames, Backoff retryBackoff, BiFunction<URI, RelaySocket.Listener, RelaySocket> sockets) {

    RelaySocket socket(URI uri, RelaySocket.Listener events) {
        return sockets.apply(uri, events);
    }
}
