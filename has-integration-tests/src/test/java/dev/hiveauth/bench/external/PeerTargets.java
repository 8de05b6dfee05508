package dev.hiveauth.bench.external;

import dev.hiveauth.protocol.crypto.PublicKey;
import java.net.URI;
import java.util.Objects;

/**
 * Where a generator's peers connect, and the key its wallets prove their accounts to: one relay for both sides, or
 * (the cluster phase) the APPs on one node and the wallets on another, so every request and reply crosses nodes.
 *
 * @param apps where the APPs connect
 * @param wallets where the wallets connect and register
 * @param serverKey the relay's public key (every node of a cluster has the same)
 */
record PeerTargets(URI apps, URI wallets, PublicKey serverKey) {
    PeerTargets {
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(wallets, "wallets");
        Objects.requireNonNull(serverKey, "serverKey");
    }

    /** Both sides on {@code relay}. */
    static PeerTargets one(URI relay, PublicKey serverKey) {
        return new PeerTargets(relay, relay, serverKey);
    }
}
