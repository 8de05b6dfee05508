package dev.hiveauth.server.relay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One wallet connection's registration of one account, and what reaches it. Requests created while the registration
 * is being checked with the store wait for its {@code register_ack} and follow it (SPEC §5: forwarded right after the
 * ack). While the wallet catches up on the requests that were already waiting, a request may come both from that list
 * and as it is created; the uuids it got meanwhile make sure it gets each once. Once caught up, nothing is remembered.
 */
final class WalletRegistration {
    private final Peer wallet;
    private Set<String> catchingUp = new HashSet<>();
    /** Forwards held until the ack; null once it left. */
    private List<String> beforeAck = new ArrayList<>();

    WalletRegistration(Peer wallet) {
        this.wallet = wallet;
    }

    Peer wallet() {
        return wallet;
    }

    /** Forwards the request unless the wallet already got it while catching up. */
    synchronized void offer(String uuid, String frame) {
        if (catchingUp != null && !catchingUp.add(uuid)) {
            return;
        }
        if (beforeAck != null) {
            beforeAck.add(frame);
        } else {
            send(frame);
        }
    }

    /** Sends the ack, then what arrived for the account meanwhile. */
    synchronized void acknowledge(String ackFrame) {
        wallet.connection().send(ackFrame);
        List<String> held = beforeAck;
        beforeAck = null;
        held.forEach(this::send);
    }

    /** Caught up: every request from now on comes one way only. */
    synchronized void caughtUp() {
        catchingUp = null;
    }

    /** A request and the reply credit that goes with it, granted first so the reply can never come before it. */
    private void send(String frame) {
        wallet.requestForwarded();
        wallet.connection().forward(frame);
    }
}
