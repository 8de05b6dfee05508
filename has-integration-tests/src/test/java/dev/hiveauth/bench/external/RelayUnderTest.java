package dev.hiveauth.bench.external;

import dev.hiveauth.bench.roundtrip.ServerCounts;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.net.URI;

/** A relay in a process of its own, listening on loopback; closing it ends the process. */
interface RelayUnderTest extends AutoCloseable {
    URI uri();

    /** The process whose CPU is the relay's: no wrapper shell, no launcher. */
    long pid();

    /** The key the wallets prove their accounts to. */
    PublicKey serverKey();

    /** Where the peers connect: APPs and wallets alike on this relay. */
    default PeerTargets targets() {
        return PeerTargets.one(uri(), serverKey());
    }

    /** What the relay counted so far, or null: it counts nothing. */
    ServerCounts counts();

    @Override
    void close();
}
