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
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet's session with one relay, over a {@link HasConnection}: on every (re)connection waits for
 * {@code connected} (declining a newer protocol), asks the relay's key, registers the accounts with a proof of
 * key, and passes forwarded requests to the {@link RequestDispatcher}. Replies leave through
 * {@link #send(PendingReply)}, which adds the proof of key for this relay's current key. Everything runs on
 * the wallet's thread.
 */
final class ServerLink implements HasConnection.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLink.class);

    private final URI uri;
    private final String appName;
    private final KeyStore keys;
    private final Clock clock;
    private final Executor thread;
    private final PksaListener listener;
    private final FrameLog frames;
    private final RequestDispatcher dispatcher;
    private final Set<String> accounts = new LinkedHashSet<>();
    private final Set<String> registered = new HashSet<>();
    private HasConnection connection;
    private PublicKey serverKey;
    private boolean declined;

    ServerLink(URI uri, String appName, KeyStore keys, Clock clock, Executor thread, PksaListener listener,
               FrameLog frames, RequestDispatcher dispatcher) {
        this.uri = uri;
        this.appName = appName;
        this.keys = keys;
        this.clock = clock;
        this.thread = thread;
        this.listener = listener;
        this.frames = frames;
        this.dispatcher = dispatcher;
    }

    void attach(HasConnection connection) {
        this.connection = connection;
    }

    URI uri() {
        return uri;
    }

    HasConnection connection() {
        return connection;
    }

    /** Registers more accounts on this relay: now if the relay's key is known, else at the next key_ack. */
    void addAccounts(Collection<String> names) {
        List<String> added = new ArrayList<>();
        for (String name : names) {
            if (accounts.add(name)) {
                added.add(name);
            }
        }
        if (serverKey != null && !added.isEmpty()) {
            register(added);
        }
    }

    boolean isRegistered(String account) {
        return registered.contains(account);
    }

    @Override
    public void opened(HasConnection from) {
        later(this::reset);
    }

    @Override
    public void received(HasConnection from, String frame) {
        later(() -> handle(frame));
    }

    @Override
    public void lost(HasConnection from) {
        later(() -> {
            reset();
            listener.disconnected(uri);
        });
    }

    private void later(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: the wallet is closed, event dropped", uri);
        }
    }

    private void reset() {
        serverKey = null;
        registered.clear();
    }

    private void handle(String frame) {
        frames.received(uri, frame);
        HasMessage message;
        try {
            message = MessageCodec.decode(frame);
        } catch (ProtocolException e) {
            LOG.debug("{}: unreadable frame ignored: {}", uri, e.getMessage());
            return;
        }
        if (declined) {
            return;
        }
        if (message instanceof Connected connected) {
            onConnected(connected);
        } else if (message instanceof KeyAck keyAck) {
            onKeyAck(keyAck);
        } else if (message instanceof RegisterAck ack) {
            registered.add(ack.account());
            LOG.info("{}: {} registered", uri, ack.account());
            listener.registered(uri, ack.account());
        } else if (message instanceof ErrorMessage error) {
            LOG.warn("{}: the relay says: {}", uri, error.error());
            listener.serverError(uri, error.error());
        } else if (message instanceof Request request) {
            dispatcher.dispatch(this, request);
        } else {
            LOG.debug("{}: {} ignored", uri, message.cmd());
        }
    }

    private void onConnected(Connected connected) {
        if (connected.protocol().compareTo(Connected.PROTOCOL) > 0) {
            // The protocol says a client declines a relay newer than itself: stop, do not retry.
            declined = true;
            LOG.error("{} speaks HAS protocol {}, newer than this PKSA's {}: disconnecting", uri,
                    connected.protocol().toPlainString(), Connected.PROTOCOL.toPlainString());
            connection.stop();
            listener.protocolDeclined(uri, connected.protocol());
            return;
        }
        sendFrame(MessageCodec.encode(new KeyReq()));
    }

    private void onKeyAck(KeyAck keyAck) {
        try {
            serverKey = PublicKey.fromString(keyAck.key());
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: key_ack carries an unusable key ({}): not registering", uri, e.getMessage());
            return;
        }
        connection.healthy();
        register(List.copyOf(accounts));
    }

    private void register(List<String> names) {
        List<RegisterReq.Account> entries = new ArrayList<>();
        for (String name : names) {
            Optional<PrivateKey> key = ProofKeys.lowest(keys, name);
            if (key.isEmpty()) {
                LOG.warn("{}: no key held for {}: not registered", uri, name);
                continue;
            }
            entries.add(RegisterReq.Account.withPok(name, ProofOfKey.forRegistration(key.get(), serverKey, clock)));
        }
        if (!entries.isEmpty()) {
            sendFrame(MessageCodec.encode(new RegisterReq(appName, entries)));
        }
    }

    /** Sends a reply with a proof of key for this relay; false when not connected (it is kept for a resend). */
    boolean send(PendingReply reply) {
        if (serverKey == null) {
            LOG.info("{}: not connected, the answer to {} waits for the request to come again", uri, reply.uuid());
            return false;
        }
        Optional<PrivateKey> key = ProofKeys.lowest(keys, reply.account());
        if (key.isEmpty()) {
            LOG.warn("{}: no key left for {}: cannot answer {}", uri, reply.account(), reply.uuid());
            return false;
        }
        String pok = ProofOfKey.forReply(key.get(), serverKey, reply.uuid());
        return sendFrame(MessageCodec.encode(reply.withPok().apply(pok)));
    }

    private boolean sendFrame(String frame) {
        frames.sent(uri, frame);
        return connection.send(frame);
    }
}
