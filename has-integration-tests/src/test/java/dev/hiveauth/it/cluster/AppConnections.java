package dev.hiveauth.it.cluster;

import dev.hiveauth.app.ConnectionListener;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/** What a backend's client went through: connections lost while requests waited, and requests attached again. */
final class AppConnections implements ConnectionListener {
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger reattached = new AtomicInteger();

    @Override
    public void connectionLost(URI server, String reason, int waiting, long retryInMillis) {
        lost.incrementAndGet();
    }

    @Override
    public void connectionRestored(URI server, int requests) {
        reattached.addAndGet(requests);
    }

    /** Connections that dropped while requests waited on them. */
    int lost() {
        return lost.get();
    }

    /** Waiting requests attached again after a reconnection, in all. */
    int reattached() {
        return reattached.get();
    }
}
