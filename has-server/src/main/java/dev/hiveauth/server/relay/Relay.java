package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.message.AttachAck;
import dev.hiveauth.protocol.message.AttachNack;
import dev.hiveauth.protocol.message.AttachReq;
import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.HasMessage;
import dev.hiveauth.protocol.message.KeyAck;
import dev.hiveauth.protocol.message.KeyReq;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.message.ProtocolException;
import dev.hiveauth.protocol.message.RegisterAck;
import dev.hiveauth.protocol.message.RegisterReq;
import dev.hiveauth.protocol.message.Reply;
import dev.hiveauth.protocol.message.Request;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.message.WaitNotice;
import dev.hiveauth.server.observe.RelayMetrics;
import dev.hiveauth.server.observe.RelayMetrics.Outcome;
import dev.hiveauth.server.observe.RelayMetrics.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HAS relay state machine (SPEC §1–§9), independent of the network: the transport calls it for each
 * connection's open, frames and close. One bad frame gets one {@code error}; it never closes the socket
 * (rate abuse aside) and never reaches another connection.
 */
public final class Relay implements ConnectionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    /** The Hive Keychain extension sends this text frame every 10 s as a keep-alive. */
    private static final String KEYCHAIN_PING = "ping";

    private final Map<Connection, Peer> peers = new ConcurrentHashMap<>();
    private final RequestStore store;
    private final Registrations registrations = new Registrations();
    private final Clock clock;
    private final Limits limits;
    private final RelayMetrics metrics;
    private final String connectedFrame;
    private final String keyAckFrame;
    private final Registrar registrar;
    private final RequestRouter router;
    private final ReplyHandler replies;
    private final PeerLogs logs;
    private final AddressShares shares = new AddressShares();

    /**
     * A relay answering with {@code serverKey}, checking proofs against {@code accountKeys}, keeping its requests in
     * {@code store}, which it opens.
     */
    public Relay(PrivateKey serverKey, AccountKeys accountKeys, RequestStore store, Clock clock, Duration timeout,
                 boolean strictPok, Limits limits, AddressLimits addressLimits, RelayMetrics metrics,
                 Supplier<String> uuids, String version) {
        this.store = store;
        this.clock = clock;
        this.limits = limits;
        this.metrics = metrics;
        this.logs = new PeerLogs(System::nanoTime, metrics::logLineSuppressed);
        long timeoutMillis = timeout.toMillis();
        ProofOfKey.Verifier verifier = new ProofOfKey.Verifier(serverKey, clock);
        this.connectedFrame = MessageCodec.encode(new Connected((int) timeout.toSeconds(), version));
        this.keyAckFrame = MessageCodec.encode(new KeyAck(serverKey.publicKey().toString()));
        Backlog backlog = new Backlog(limits);
        this.router = new RequestRouter(store, registrations, clock, timeoutMillis, limits, addressLimits, shares,
                metrics, uuids, backlog);
        this.registrar = new Registrar(store, registrations, accountKeys, verifier, limits, addressLimits, shares,
                metrics, router);
        this.replies = new ReplyHandler(store, registrations, accountKeys, verifier, clock, timeoutMillis, strictPok,
                metrics);
        store.open(router);
    }

    @Override
    public void onOpen(Connection connection) {
        peers.put(connection, new Peer(connection, shares.join(connection.address()), limits, clock, metrics,
                logs.forPeer(connection.id())));
        metrics.connectionOpened();
        LOG.debug("{}: opened", connection.id());
        connection.send(connectedFrame);
    }

    @Override
    public void onText(Connection connection, String frame) {
        long received = System.nanoTime();
        Peer peer = peers.get(connection);
        if (peer == null) {
            return;
        }
        if (KEYCHAIN_PING.equals(frame)) {
            admitted(peer, null); // counts against the rate like any frame; nothing to answer
            return;
        }
        // Decoded before the rate check: a wallet's reply may use a credit instead of a rate token.
        HasMessage message;
        try {
            message = MessageCodec.decode(frame);
        } catch (ProtocolException e) {
            if (admitted(peer, null)) {
                refuseMalformed(peer, e);
            }
            return;
        }
        if (!admitted(peer, message)) {
            return;
        }
        try {
            dispatch(peer, message, received);
        } catch (RuntimeException e) {
            // A bug of ours must cost this one message, never the connection or the server.
            peer.log().failure(LOG, "failed to handle " + message.cmd(), e);
            peer.send(new ErrorMessage(message.cmd() + ": internal server error"));
        }
    }

    private static void refuseMalformed(Peer peer, ProtocolException e) {
        LOG.debug("{}: malformed frame: {}", peer.id(), e.getMessage());
        if (!ErrorMessage.CMD.equals(e.cmd())) {
            peer.send(new ErrorMessage(e.getMessage())); // never an error about an error: no ping-pong
        }
    }

    @Override
    public void onBinary(Connection connection, int length) {
        Peer peer = peers.get(connection);
        if (peer != null && admitted(peer, null)) {
            peer.send(new ErrorMessage("binary frames are not part of the protocol: send JSON in text frames"));
        }
    }

    @Override
    public boolean sendsWithinReads() {
        return store.answersAtOnce();
    }

    @Override
    public void onClose(Connection connection) {
        Peer peer = peers.remove(connection);
        if (peer == null) {
            return;
        }
        List<String> accounts = peer.close();
        // A PKSA's registrations end with its socket; an APP's requests stay for attach until they expire.
        for (String account : registrations.remove(connection, accounts)) {
            store.unwatch(account);
        }
        shares.registrationsReleased(peer.share(), accounts.size());
        shares.leave(peer.share());
        LOG.debug("{}: closed, {} registration(s) dropped", connection.id(), accounts.size());
        peer.log().closing(LOG);
    }

    /**
     * The rate check for one frame ({@code message} null when it is not a message). A reply refused for rate
     * carries its uuid, so the wallet knows which answer to send again.
     */
    private boolean admitted(Peer peer, HasMessage message) {
        Reply reply = message instanceof Reply r ? r : null;
        switch (peer.admit(reply != null)) {
            case ALLOW:
                return true;
            case REFUSE:
                if (message instanceof Request request) {
                    metrics.request(request.family().prefix(), Outcome.REJECTED); // as any request refused
                }
                peer.send(new ErrorMessage("rate limit exceeded: at most " + limits.messagesPerSecond()
                        + " messages per second", reply == null ? null : reply.uuid()));
                return false;
            default:
                peer.log().info(LOG, "closed for exceeding the message rate");
                peer.connection().close(1008, "message rate limit exceeded");
                return false;
        }
    }

    private void dispatch(Peer peer, HasMessage message, long received) {
        if (message instanceof Request request) {
            peer.actsAs(Role.APP);
            router.request(peer, request);
            metrics.relayed(received);
        } else if (message instanceof Reply reply) {
            peer.actsAs(Role.PKSA);
            replies.reply(peer, reply, received);
        } else if (message instanceof KeyReq) {
            peer.actsAs(Role.PKSA);
            peer.connection().send(keyAckFrame);
        } else if (message instanceof RegisterReq register) {
            peer.actsAs(Role.PKSA);
            registrar.register(peer, register);
        } else if (message instanceof AttachReq attach) {
            peer.actsAs(Role.APP);
            router.attach(peer, attach);
        } else if (message instanceof WaitNotice || message instanceof Wait) {
            // Hive Keychain Mobile tells the HAS it received a request; there is nothing to do with it.
            LOG.debug("{}: ignored {} from a PKSA", peer.id(), message.cmd());
        } else if (message instanceof ErrorMessage error) {
            // PKSAs report their own failures this way; it has no request to relay to.
            LOG.debug("{}: peer reported an error ({} chars)", peer.id(), error.error().length());
        } else if (message instanceof Connected || message instanceof KeyAck || message instanceof RegisterAck
                || message instanceof AttachAck || message instanceof AttachNack) {
            peer.send(new ErrorMessage(message.cmd() + " is sent by the HAS, not to it"));
        } else {
            // HasMessage is sealed and every kind is handled above; a new kind must get its branch here.
            throw new IllegalStateException("no handler for " + message.cmd());
        }
    }

    /** Drops expired requests and stored replies; the server calls it every second. */
    public void sweep() {
        router.sweep();
    }

    /**
     * Waits, at most {@code maxMillis}, until every request received has its answer sent ({@code *_wait} or an error):
     * with a shared store the answer waits for the database, and an app closed before it would not know its request's
     * uuid, so could not attach to it from another node.
     */
    public void awaitAnswersSent(long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (router.storing() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Closes every connection with 1001 (going away), for a graceful shutdown. */
    public void closeAll() {
        for (Connection connection : peers.keySet()) {
            connection.close(1001, "server shutting down");
        }
    }

    /** How many connections are open. */
    public int connectionCount() {
        return peers.size();
    }

    /** Where the relay keeps requests. */
    public RequestStore store() {
        return store;
    }

    /** Account registrations of this node's wallets: an account registered by two wallets counts twice. */
    public int registrationCount() {
        return registrations.count();
    }

    /** How many wallet connections of this node registered the account. */
    public int walletsRegisteredFor(String account) {
        return registrations.of(account).size();
    }
}
