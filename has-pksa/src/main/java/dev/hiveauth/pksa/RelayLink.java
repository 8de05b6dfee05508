package dev.hiveauth.pksa;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.HasMessage;
import dev.hiveauth.protocol.message.KeyAck;
import dev.hiveauth.protocol.message.KeyReq;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.message.ProtocolException;
import dev.hiveauth.protocol.message.RegisterAck;
import dev.hiveauth.protocol.message.RegisterReq;
import dev.hiveauth.protocol.message.Request;
import dev.hiveauth.protocol.transport.RelaySocket;
import dev.hiveauth.protocol.transport.Timers;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet's session with one relay, an explicit state machine over a {@link RelaySocket}:
 *
 * <pre>
 *   CONNECTING ─open─▶ AWAITING_GREETING ─connected─▶ AWAITING_KEY ─key_ack─▶ READY (registering, serving)
 *        ▲                  │ protocol newer than 1                                │
 *        └──── lost ────────┼────────────────────────────────────────────────────┘
 *                           ▼
 *                        DECLINED (closed for good)          any ──close()──▶ CLOSED
 * </pre>
 *
 * In READY each account goes through its own {@link Registrations} (sent, registered, or refused and tried again);
 * forwarded requests go to the {@link RequestDispatcher}; answers leave through {@link #send(PendingReply)} with a
 * proof of key for this relay's current key, and {@link ReplyRetries} sends again those the relay refuses for a
 * passing reason. Everything runs on the wallet's thread; the socket's events are handed to it.
 */
final class RelayLink implements RelaySocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RelayLink.class);

    enum State { CONNECTING, AWAITING_GREETING, AWAITING_KEY, READY, DECLINED, CLOSED }

    private final URI uri;
    private final WalletContext context;
    private final RequestDispatcher dispatcher;
    private final RelaySocket socket;
    private final Registrations registrations;
    private final ReplyRetries replies;
    private final List<RegistrationWaiter> waiters = new ArrayList<>();
    private State state = State.CONNECTING;
    private PublicKey serverKey;
    private Timers.Cancellable registrationTimer;

    /** A {@link Pksa#connect} caller, waiting for the first outcome of these accounts' registration. */
    private record RegistrationWaiter(Set<String> accounts, CompletableFuture<Void> outcome) {
    }

    RelayLink(URI uri, WalletContext context, RequestDispatcher dispatcher) {
        this.uri = uri;
        this.context = context;
        this.dispatcher = dispatcher;
        this.socket = context.socket(uri, this);
        this.registrations = new Registrations(context.retryBackoff());
        this.replies = new ReplyRetries(uri, context.wallet().clock(), context.timers(), context.thread(),
                context.retryBackoff(), this::send, this::registerAgain);
    }

    URI uri() {
        return uri;
    }

    State state() {
        return state;
    }

    /** Registers more accounts on this relay (now if its key is known); the future completes as {@link Pksa#connect}. */
    CompletableFuture<Void> addAccounts(Collection<String> names) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        if (state == State.DECLINED || state == State.CLOSED) {
            outcome.completeExceptionally(new WalletClosedException("the connection to " + uri + " is closed"));
            return outcome;
        }
        registrations.add(List.copyOf(names));
        waiters.add(new RegistrationWaiter(Set.copyOf(names), outcome));
        socket.connect();
        registerDue();
        settleWaiters();
        return outcome;
    }

    boolean isRegistered(String account) {
        return state == State.READY && registrations.isRegistered(account);
    }

    /** Closes for good. */
    void close() {
        state = State.CLOSED;
        cancelRegistrationTimer();
        replies.connectionLost();
        socket.close();
        failWaiters(new WalletClosedException("the wallet closed"));
    }

    // ---- the socket's events, handed to the wallet's thread ----

    @Override
    public void opened() {
        onWalletThread(() -> {
            if (state == State.CONNECTING) {
                state = State.AWAITING_GREETING;
                LOG.info("connected to {}", uri);
            }
        });
    }

    @Override
    public void received(String frame) {
        onWalletThread(() -> handle(frame));
    }

    @Override
    public void lost(String reason, long retryInMillis) {
        onWalletThread(() -> {
            if (state == State.DECLINED || state == State.CLOSED) {
                return;
            }
            LOG.warn("connection to {} lost ({}); reconnecting in {} ms", uri, reason, retryInMillis);
            reset();
            context.listener().disconnected(uri);
        });
    }

    @Override
    public void failed(String reason, long retryInMillis) {
        onWalletThread(() -> {
            if (state != State.DECLINED && state != State.CLOSED) {
                LOG.info("{}; trying again in {} ms", reason, retryInMillis);
                reset();
            }
        });
    }

    private void onWalletThread(Runnable task) {
        try {
            context.thread().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: the wallet is closed, event dropped", uri);
        }
    }

    private void reset() {
        state = State.CONNECTING;
        serverKey = null;
        cancelRegistrationTimer();
        registrations.newConnection();
        replies.connectionLost();
    }

    // ---- on the wallet's thread ----

    private void handle(String frame) {
        if (state == State.DECLINED || state == State.CLOSED) {
            return;
        }
        context.frames().received(uri, frame);
        HasMessage message;
        try {
            message = MessageCodec.decode(frame);
        } catch (ProtocolException e) {
            LOG.debug("{}: unreadable frame ignored: {}", uri, e.getMessage());
            return;
        }
        if (message instanceof Connected connected) {
            greeted(connected);
        } else if (message instanceof KeyAck keyAck) {
            keyReceived(keyAck);
        } else if (message instanceof RegisterAck ack) {
            registered(ack.account());
        } else if (message instanceof ErrorMessage error) {
            relayError(error);
        } else if (message instanceof Request request) {
            if (state == State.READY) {
                dispatcher.dispatch(this, request);
            } else {
                LOG.debug("{}: {} before the relay's key: ignored", uri, request.cmd());
            }
        } else {
            LOG.debug("{}: {} ignored", uri, message.cmd());
        }
    }

    private void greeted(Connected connected) {
        if (connected.protocol().compareTo(Connected.PROTOCOL) > 0) {
            // The protocol says a client declines a relay newer than itself: stop, do not retry.
            ProtocolDeclinedException declined = new ProtocolDeclinedException(uri, connected.protocol(),
                    Connected.PROTOCOL);
            LOG.error("{}: disconnecting", declined.getMessage());
            state = State.DECLINED;
            cancelRegistrationTimer();
            socket.close();
            failWaiters(declined);
            context.listener().protocolDeclined(uri, connected.protocol());
            return;
        }
        if (state == State.READY) {
            registrations.newConnection(); // a relay that greets again has started over: so do we
        }
        state = State.AWAITING_KEY;
        sendFrame(MessageCodec.encode(new KeyReq()));
    }

    private void keyReceived(KeyAck keyAck) {
        if (state != State.AWAITING_KEY) {
            LOG.debug("{}: key_ack without key_req ignored", uri);
            return;
        }
        try {
            serverKey = PublicKey.fromString(keyAck.key());
        } catch (IllegalArgumentException e) {
            long retry = socket.drop("key_ack carries an unusable key");
            LOG.warn("{}: key_ack carries an unusable key ({}): reconnecting in {} ms", uri, e.getMessage(), retry);
            reset();
            return;
        }
        socket.established();
        state = State.READY;
        registerDue();
    }

    private void registerDue() {
        if (state != State.READY) {
            return;
        }
        long now = context.timers().nowMillis();
        List<RegisterReq.Account> entries = new ArrayList<>();
        for (String name : registrations.takeDue(now)) {
            Optional<PrivateKey> key = ProofKeys.lowest(context.wallet().keys(), name);
            if (key.isEmpty()) {
                report(List.of(registrations.unsendable(name, "this wallet holds no key of the account", now)));
                continue;
            }
            entries.add(RegisterReq.Account.withPok(name,
                    ProofOfKey.forRegistration(key.get(), serverKey, context.wallet().clock())));
        }
        if (!entries.isEmpty()) {
            sendFrame(MessageCodec.encode(new RegisterReq(context.name(), entries)));
        }
        scheduleRegistrationCheck();
        settleWaiters();
    }

    private void registerAgain(String account) {
        if (registrations.unregistered(account)) {
            registerDue();
        }
    }

    private void registered(String account) {
        if (!registrations.registered(account)) {
            return;
        }
        LOG.info("{}: {} registered", uri, account);
        context.listener().registered(uri, account);
        replies.registered(account);
        settleWaiters();
    }

    private void relayError(ErrorMessage error) {
        if (error.uuid() != null && replies.knows(error.uuid())) {
            replies.refused(error.uuid(), error.error());
        } else if (RelayErrors.isRegistrationFailure(error.error())) {
            Map<String, String> named = RelayErrors.refusedAccounts(error.error());
            report(registrations.refused(named, error.error(), context.timers().nowMillis()));
            scheduleRegistrationCheck();
        } else {
            LOG.warn("{}: the relay says: {}", uri, LogText.safe(error.error()));
        }
        context.listener().serverError(uri, error.error());
    }

    private void report(List<Registrations.Refusal> refusals) {
        for (Registrations.Refusal refusal : refusals) {
            LOG.warn("{}: {} not registered ({}); trying again in {} s", uri, refusal.account(), refusal.reason(),
                    (refusal.retryInMillis() + 999) / 1000);
            context.listener().registrationRefused(uri, refusal.account(), refusal.reason(), refusal.retryInMillis());
        }
        settleWaiters();
    }

    /** Wakes up when a refused account is due again or a registration is overdue. */
    private void scheduleRegistrationCheck() {
        cancelRegistrationTimer();
        long next = registrations.nextDueMillis();
        if (next == Long.MAX_VALUE || state != State.READY) {
            return;
        }
        long delay = Math.max(0, next - context.timers().nowMillis());
        registrationTimer = context.timers().schedule(delay, () -> onWalletThread(() -> {
            registrationTimer = null;
            if (state == State.READY) {
                report(registrations.unanswered(context.timers().nowMillis()));
                registerDue();
            }
        }));
    }

    private void cancelRegistrationTimer() {
        if (registrationTimer != null) {
            registrationTimer.cancel();
            registrationTimer = null;
        }
    }

    private void settleWaiters() {
        waiters.removeIf(waiter -> {
            Map<String, String> refused = registrations.outcome(waiter.accounts());
            if (refused == null) {
                return false;
            }
            if (refused.isEmpty()) {
                waiter.outcome().complete(null);
            } else {
                waiter.outcome().completeExceptionally(new RegistrationRefusedException(uri, refused));
            }
            return true;
        });
    }

    private void failWaiters(PksaException failure) {
        waiters.forEach(waiter -> waiter.outcome().completeExceptionally(failure));
        waiters.clear();
    }

    /** Sends a reply with a proof of key for this relay; false when not connected (it is kept for a resend). */
    boolean send(PendingReply reply) {
        if (state != State.READY) {
            LOG.info("{}: not connected, the answer to {} waits for the request to come again", uri, reply.uuid());
            return false;
        }
        Optional<PrivateKey> key = ProofKeys.lowest(context.wallet().keys(), reply.account());
        if (key.isEmpty()) {
            LOG.warn("{}: no key left for {}: cannot answer {}", uri, reply.account(), reply.uuid());
            return false;
        }
        String pok = ProofOfKey.forReply(key.get(), serverKey, reply.uuid());
        replies.sent(reply);
        return sendFrame(MessageCodec.encode(reply.withPok().apply(pok)));
    }

    private boolean sendFrame(String frame) {
        context.frames().sent(uri, frame);
        return socket.send(frame);
    }
}
