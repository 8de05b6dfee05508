package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.message.AuthAck;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.HasMessage;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.message.RegisterAck;
import dev.hiveauth.protocol.message.RegisterReq;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A wallet reduced to what the server sees of one: it registers its accounts with a real proof of key, and
 * answers every forwarded {@code auth_req} it can read with an {@code auth_ack} carrying encrypted
 * {@code auth_ack_data} and a real reply pok (an ECDH and a memo per reply, as a real PKSA pays). Public
 * because Tyrus calls endpoints reflectively.
 */
public final class SimulatedPksa extends Endpoint {
    /** How long the authentication the PKSA grants lasts; the APP only checks that it decrypts. */
    private static final long GRANTED_MILLIS = Duration.ofDays(1).toMillis();

    private final PublicKey serverKey;
    private final boolean replyPok;
    private final Map<String, BenchAccount> accounts;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final CountDownLatch allRegistered;
    private final PeerCounts counts = new PeerCounts();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private volatile Session session;

    private SimulatedPksa(PublicKey serverKey, boolean replyPok, List<BenchAccount> accounts) {
        this.serverKey = serverKey;
        this.replyPok = replyPok;
        this.accounts = accounts.stream().collect(Collectors.toMap(BenchAccount::name, Function.identity()));
        this.allRegistered = new CountDownLatch(accounts.size());
    }

    /**
     * Connects, registers {@code accounts} and returns once the server acked every one. Without
     * {@code replyPok} its replies carry no pok, as Hive Keychain Mobile's do.
     */
    static SimulatedPksa connect(ClientManager client, URI server, PublicKey serverKey, boolean replyPok,
                                 List<BenchAccount> accounts, Duration timeout) throws Exception {
        SimulatedPksa pksa = new SimulatedPksa(serverKey, replyPok, accounts);
        client.connectToServer(pksa, ClientEndpointConfig.Builder.create().build(), server);
        List<RegisterReq.Account> proofs = accounts.stream()
                .map(a -> RegisterReq.Account.withPok(a.name(),
                        ProofOfKey.forRegistration(a.key(), serverKey, Clock.systemUTC())))
                .toList();
        pksa.session.getBasicRemote().sendText(MessageCodec.encode(new RegisterReq("bench-pksa", proofs)));
        if (!pksa.allRegistered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("PKSA registration not acked within " + timeout + "; errors: "
                    + pksa.counts.errorSamples());
        }
        return pksa;
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

    private void onFrame(String frame) {
        HasMessage message;
        try {
            message = MessageCodec.decode(frame);
        } catch (RuntimeException e) {
            counts.recordUnexpected("undecodable frame: " + e.getMessage());
            return;
        }
        if (message instanceof AuthReq request && request.uuid() != null) {
            forwarded.incrementAndGet();
            answer(request);
        } else if (message instanceof RegisterAck ack) {
            if (accounts.containsKey(ack.account()) && registered.add(ack.account())) {
                allRegistered.countDown();
            }
        } else if (message instanceof ErrorMessage error) {
            counts.recordError(error.error());
        } else if (!(message instanceof Connected)) {
            counts.recordUnexpected(message.cmd());
        }
    }

    private void answer(AuthReq request) {
        BenchAccount account = accounts.get(request.account());
        if (account == null) {
            counts.recordUnexpected("auth_req for an account this PKSA did not register: " + request.account());
            return;
        }
        try {
            // A wallet must read the request to show the user who asks; a wrong auth_key would make it refuse.
            if (AuthReqData.decrypt(request.data(), account.authKey()).isEmpty()) {
                counts.recordUndecryptable();
                return;
            }
        } catch (PayloadException e) {
            counts.recordUndecryptable();
            return;
        }
        String data = new AuthAckData(System.currentTimeMillis() + GRANTED_MILLIS).encrypt(account.authKey());
        String pok = replyPok ? ProofOfKey.forReply(account.key(), serverKey, request.uuid()) : null;
        send(MessageCodec.encode(new AuthAck(request.uuid(), data, pok)));
        replies.incrementAndGet();
    }

    // One frame at a time per session: Tyrus does not promise concurrent sends on one session are safe.
    private synchronized void send(String frame) {
        try {
            session.getAsyncRemote().sendText(frame, result -> {
                if (!result.isOK()) {
                    counts.recordSendFailure(result.getException());
                }
            });
        } catch (RuntimeException e) {
            counts.recordSendFailure(e);
        }
    }

    /** Forwarded requests received. */
    long forwarded() {
        return forwarded.get();
    }

    /** auth_acks sent. */
    long replies() {
        return replies.get();
    }

    PeerCounts counts() {
        return counts;
    }

    void close() throws Exception {
        if (session != null && session.isOpen()) {
            session.close();
        }
    }
}
