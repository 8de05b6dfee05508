package dev.hiveauth.app;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.message.AuthAck;
import dev.hiveauth.protocol.message.HasMessage;
import dev.hiveauth.protocol.message.KeyAck;
import dev.hiveauth.protocol.message.KeyReq;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.message.RegisterAck;
import dev.hiveauth.protocol.message.RegisterReq;
import dev.hiveauth.protocol.message.Request;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A wallet played by the test with raw protocol messages: it connects to a HAS, registers one account with
 * a proof of key, then hands the test each forwarded request and sends the replies the test writes (with a
 * proof of key over the uuid, as a v1 PKSA does).
 */
public final class ScriptedPksa implements Closeable {
    private static final long WAIT_SECONDS = 10;

    private final PrivateKey accountKey;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final Session session;
    private PublicKey serverKey;

    private ScriptedPksa(ClientManager manager, URI uri, PrivateKey accountKey) throws Exception {
        this.accountKey = accountKey;
        this.session = manager.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) frames::add);
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
    }

    /** Connects, fetches the server key and registers {@code account}; returns once {@code register_ack} came. */
    static ScriptedPksa register(ClientManager manager, URI uri, String account, PrivateKey accountKey, Clock clock)
            throws Exception {
        ScriptedPksa pksa = new ScriptedPksa(manager, uri, accountKey);
        pksa.next("connected");
        pksa.send(new KeyReq());
        pksa.serverKey = PublicKey.fromString(((KeyAck) pksa.next("key_ack")).key());
        pksa.send(new RegisterReq("scripted pksa", List.of(RegisterReq.Account.withPok(account,
                ProofOfKey.forRegistration(accountKey, pksa.serverKey, clock)))));
        pksa.next("register_ack", RegisterAck.class);
        return pksa;
    }

    /** The next message from the HAS, which must be {@code cmd}. */
    public HasMessage next(String cmd) throws InterruptedException {
        String frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("the PKSA received nothing within " + WAIT_SECONDS + " s (expected " + cmd + ")");
        }
        HasMessage message = MessageCodec.decode(frame);
        if (!cmd.equals(message.cmd())) {
            throw new AssertionError("the PKSA expected " + cmd + " but got " + frame);
        }
        return message;
    }

    public <T extends HasMessage> T next(String cmd, Class<T> type) throws InterruptedException {
        return type.cast(next(cmd));
    }

    /** The next forwarded request, of the given type. */
    public <T extends Request> T request(Class<T> type) throws InterruptedException {
        String frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no request reached the PKSA within " + WAIT_SECONDS + " s");
        }
        HasMessage message = MessageCodec.decode(frame);
        if (!type.isInstance(message)) {
            throw new AssertionError("the PKSA expected a " + type.getSimpleName() + " but got " + frame);
        }
        return type.cast(message);
    }

    public boolean nothingReceived() {
        return frames.isEmpty();
    }

    /** The proof of key a reply to {@code uuid} carries. */
    public String pok(String uuid) {
        return ProofOfKey.forReply(accountKey, serverKey, uuid);
    }

    public void send(HasMessage message) throws Exception {
        session.getBasicRemote().sendText(MessageCodec.encode(message));
    }

    /** Approves an authentication the way a v1 wallet does. */
    public void approve(Request request, String authKey, long expire, ChallengeAckData challenge, String token)
            throws Exception {
        String data = new AuthAckData(expire, challenge, token).encrypt(authKey);
        send(new AuthAck(request.uuid(), data, pok(request.uuid())));
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }
}
