package dev.hiveauth.it.durability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.ServiceAuthKey;
import dev.hiveauth.protocol.payload.SignReqData;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An application that keeps a service wallet writing its state file: new logins (each an authentication the
 * wallet stores) and votes signed with one authentication (each a nonce the wallet records), several in flight
 * at once, with nonces it chooses. It keeps what the wallet confirmed — the logins approved, the highest nonce of
 * a signed vote, the transactions broadcast — which the wallet must never forget, whenever it is killed.
 *
 * <p>Requests carry no id of their own: the relay answers each with its {@code *_wait} in the order they arrived,
 * so the requests sent are matched to their uuids in that order.
 */
final class StateWritingApp implements AutoCloseable {
    /** What was sent, before and after the relay gave it a uuid. */
    private record Sent(String cmd, String authKey, long nonce, String frame) {
    }

    private final WirePeer socket;
    private final String secret;
    private final String signingKey;
    private final Deque<Sent> awaitingUuid = new ArrayDeque<>();
    private final Map<String, Sent> byUuid = new HashMap<>();
    private final Set<String> approvedLogins = new LinkedHashSet<>();
    private final Set<String> broadcast = new LinkedHashSet<>();
    private long lastNonce;
    private long highestSignedNonce;
    private int answered;
    private int sent;

    /**
     * @param secret the service secret shared with the wallet
     * @param signingKey the auth_key of an authentication the wallet granted, to sign votes with
     */
    StateWritingApp(URI relay, String secret, String signingKey) {
        this.secret = secret;
        this.signingKey = signingKey;
        this.socket = WirePeer.connect(relay, this::onFrame);
        socket.await("connected");
    }

    /** A new login in service mode, with a fresh auth_key. */
    synchronized void login() {
        String authKey = UUID.randomUUID().toString();
        send(new Sent("auth_req", authKey, 0, WirePeer.frame("auth_req").put("account", "alice")
                .put("data", new AuthReqData(new AuthReqData.App("durability.example")).encrypt(authKey))
                .put("auth_key", ServiceAuthKey.wrap(authKey, secret)).toString()));
    }

    /** A vote with the signing authentication and a nonce above every earlier one; returns the frame sent. */
    synchronized String vote() {
        long nonce = Math.max(lastNonce + 1, System.currentTimeMillis());
        lastNonce = nonce;
        SignReqData data = new SignReqData(KeyType.POSTING,
                OperationsJson.vote("alice", "bob", "durable-" + nonce), true, nonce);
        String frame = WirePeer.frame("sign_req").put("account", "alice").put("data", data.encrypt(signingKey)).toString();
        send(new Sent("sign_req", signingKey, nonce, frame));
        return frame;
    }

    private void send(Sent request) {
        awaitingUuid.add(request);
        sent++;
        socket.send(request.frame());
    }

    private synchronized void onFrame(String text) {
        JsonNode frame;
        try {
            frame = WirePeer.JSON.readTree(text);
        } catch (java.io.IOException e) {
            return;
        }
        String cmd = frame.path("cmd").asText();
        String uuid = frame.path("uuid").asText(null);
        if (cmd.endsWith("_wait")) {
            byUuid.put(uuid, awaitingUuid.poll());
        } else if ("error".equals(cmd) && uuid == null) {
            awaitingUuid.poll(); // the relay refused the oldest request outright
            answered++;
        } else if (uuid != null && byUuid.containsKey(uuid)) {
            Sent request = byUuid.remove(uuid);
            answered++;
            if ("auth_ack".equals(cmd)) {
                approvedLogins.add(request.authKey());
            } else if ("sign_ack".equals(cmd)) {
                highestSignedNonce = Math.max(highestSignedNonce, request.nonce());
                broadcast.add(frame.get("data").asText());
            }
        }
        notifyAll();
    }

    /**
     * Keeps {@code depth} requests in flight — a login for every three votes — until {@code done} says so,
     * rechecking it whenever an answer comes and at least every 20 ms (it may watch another process).
     */
    synchronized void keepBusyUntil(java.util.function.BooleanSupplier done, int depth) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the wallet stopped answering: " + inFlight() + " requests in flight");
            }
            while (inFlight() < depth) {
                if (sent % 4 == 3) {
                    login();
                } else {
                    vote();
                }
            }
            try {
                wait(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Requests sent and not answered yet. */
    synchronized int inFlight() {
        return sent - answered;
    }

    /** Answers received so far (approvals, refusals and errors alike). */
    synchronized int answered() {
        return answered;
    }

    /** The auth_keys of the logins the wallet approved. */
    synchronized List<String> approvedLogins() {
        return List.copyOf(approvedLogins);
    }

    /** The highest nonce of a vote the wallet answered with its transaction id (0 before any). */
    synchronized long highestSignedNonce() {
        return highestSignedNonce;
    }

    /** The highest nonce sent so far. */
    synchronized long lastNonce() {
        return lastNonce;
    }

    /** The transaction ids the wallet reported as broadcast. */
    synchronized List<String> broadcast() {
        return List.copyOf(broadcast);
    }

    @Override
    public void close() {
        socket.close();
    }
}
