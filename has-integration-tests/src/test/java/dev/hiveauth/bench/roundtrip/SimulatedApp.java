package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.protocol.message.AuthAck;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.AuthWait;
import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.HasMessage;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.PayloadException;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;

/**
 * An application reduced to its protocol: sends {@code auth_req}s to its accounts in turn and checks that
 * each gets exactly one {@code auth_wait} (in order: the only correlation the protocol gives) and exactly one
 * {@code auth_ack} with that uuid, whose data decrypts with the request's auth_key. Public because Tyrus
 * calls endpoints reflectively.
 */
public final class SimulatedApp extends Endpoint {
    /** Told of each answered request: when it was meant to start and when its auth_ack arrived. */
    @FunctionalInterface
    interface AnswerListener {
        void answered(SimulatedApp app, long startNanos, long endNanos);
    }

    private static final AnswerListener NOBODY = (app, start, end) -> { };

    private final List<BenchAccount> accounts;
    private final AuthReqData requestData;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final PeerCounts counts = new PeerCounts();
    // Guarded by this: the order requests went out, and which uuid the server gave each.
    private final ArrayDeque<Outstanding> awaitingWait = new ArrayDeque<>();
    private final Map<String, Outstanding> awaitingAck = new HashMap<>();
    private final Map<String, EarlyAck> acksBeforeWait = new HashMap<>();
    private final Set<String> answeredUuids = new HashSet<>();
    private long sent;
    private long waits;
    private long answered;
    private long duplicates;
    private long earlyAcks;
    private long unmatchedWaits;
    private long nextAccount;
    private volatile AnswerListener listener = NOBODY;
    private volatile Session session;

    private record Outstanding(BenchAccount account, long startNanos) {
    }

    private record EarlyAck(AuthAck ack, long atNanos) {
    }

    private SimulatedApp(List<BenchAccount> accounts) {
        this.accounts = List.copyOf(accounts);
        // The same app identity every time; it is encrypted afresh (new salt) per request, as a real APP does.
        this.requestData = new AuthReqData(new AuthReqData.App("bench-app", "load benchmark", null));
    }

    /** Connects and returns once the server's {@code connected} frame arrived. */
    static SimulatedApp connect(ClientManager client, URI server, List<BenchAccount> accounts, Duration timeout)
            throws Exception {
        SimulatedApp app = new SimulatedApp(accounts);
        client.connectToServer(app, ClientEndpointConfig.Builder.create().build(), server);
        if (!app.connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("no connected frame within " + timeout);
        }
        return app;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onFrame);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        counts.recordClose(reason);
    }

    void onAnswered(AnswerListener listener) {
        this.listener = listener == null ? NOBODY : listener;
    }

    /** Sends one auth_req to the next account; its latency will be counted from {@code startNanos}. */
    void send(long startNanos) {
        BenchAccount account;
        synchronized (this) {
            account = accounts.get((int) (nextAccount++ % accounts.size()));
        }
        String frame = MessageCodec.encode(new AuthReq(account.name(), requestData.encrypt(account.authKey())));
        // Queue and send under one lock, so the queue's order is the order on the wire.
        synchronized (this) {
            awaitingWait.add(new Outstanding(account, startNanos));
            sent++;
            try {
                session.getAsyncRemote().sendText(frame, result -> {
                    if (!result.isOK()) {
                        counts.recordSendFailure(result.getException());
                    }
                });
            } catch (RuntimeException e) {
                counts.recordSendFailure(e); // the request stays unanswered, and the phase fails its check
            }
        }
    }

    private void onFrame(String frame) {
        long now = System.nanoTime();
        HasMessage message;
        try {
            message = MessageCodec.decode(frame);
        } catch (RuntimeException e) {
            counts.recordUnexpected("undecodable frame: " + e.getMessage());
            return;
        }
        if (message instanceof AuthWait wait) {
            onWait(wait);
        } else if (message instanceof AuthAck ack) {
            onAck(ack, now);
        } else if (message instanceof ErrorMessage error) {
            counts.recordError(error.error());
        } else if (message instanceof Connected) {
            connected.countDown();
        } else {
            counts.recordUnexpected(message.cmd());
        }
    }

    private void onWait(AuthWait wait) {
        Outstanding request;
        EarlyAck early;
        synchronized (this) {
            request = awaitingWait.poll();
            if (request == null) {
                unmatchedWaits++;
                return;
            }
            waits++;
            if (!request.account().name().equals(wait.account())) {
                counts.recordUnexpected("auth_wait for " + wait.account() + " answers a request for " + request.account().name());
            }
            early = acksBeforeWait.remove(wait.uuid());
            if (early == null) {
                awaitingAck.put(wait.uuid(), request);
                return;
            }
        }
        // Its ack overtook the wait (the server queues the wait first, so it should not; it is counted): the
        // request was answered when the ack came.
        answeredNow(wait.uuid(), request, early.atNanos(), decrypts(early.ack(), request.account()));
    }

    private void onAck(AuthAck ack, long now) {
        Outstanding request;
        synchronized (this) {
            request = awaitingAck.remove(ack.uuid());
            if (request == null) {
                if (answeredUuids.contains(ack.uuid()) || acksBeforeWait.containsKey(ack.uuid())) {
                    duplicates++;
                } else {
                    earlyAcks++;
                    acksBeforeWait.put(ack.uuid(), new EarlyAck(ack, now));
                }
                return;
            }
        }
        answeredNow(ack.uuid(), request, now, decrypts(ack, request.account()));
    }

    private boolean decrypts(AuthAck ack, BenchAccount account) {
        try {
            return AuthAckData.decrypt(ack.data(), account.authKey()).isPresent();
        } catch (PayloadException e) {
            return false;
        }
    }

    private void answeredNow(String uuid, Outstanding request, long endNanos, boolean readable) {
        if (!readable) {
            counts.recordUndecryptable();
        }
        synchronized (this) {
            if (!answeredUuids.add(uuid)) {
                duplicates++;
                return;
            }
            answered++;
        }
        listener.answered(this, request.startNanos(), endNanos);
    }

    /** Requests sent and not answered yet. */
    synchronized long outstanding() {
        return sent - answered;
    }

    /** A consistent copy of this APP's counters. */
    synchronized AppTally tally() {
        return new AppTally(sent, waits, answered, duplicates, earlyAcks, unmatchedWaits);
    }

    PeerCounts counts() {
        return counts;
    }

    void close() throws Exception {
        if (session != null && session.isOpen()) {
            session.close();
        }
    }

    /** One APP's request counters. */
    record AppTally(long sent, long waits, long answered, long duplicates, long acksBeforeWait, long unmatchedWaits) {
    }
}
