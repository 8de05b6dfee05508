package dev.hiveauth.it.peers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.AuthPayload;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.SignReqData;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * An application that speaks as the Hive Keychain browser extension does: the text frame {@code ping} every 10 s
 * (here, one at each step of a test), one request at a time (its "pre-correlation queue": the next request waits
 * for the previous one's {@code *_wait}, the only correlation the protocol has), and the session {@code token} it
 * keeps on every {@code sign_req} — a protocol-0.8 leftover the relay passes on and a current wallet ignores.
 */
final class KeychainExtensionApp implements AutoCloseable {
    private final WirePeer socket;
    private final URI relay;
    private final Clock clock;
    private final String token = UUID.randomUUID().toString();
    private String account;
    private String authKey;
    private String loginUuid;

    private KeychainExtensionApp(URI relay, Clock clock) {
        this.relay = relay;
        this.clock = clock;
        this.socket = WirePeer.connect(relay);
        socket.await("connected");
    }

    static KeychainExtensionApp connect(URI relay, Clock clock) {
        return new KeychainExtensionApp(relay, clock);
    }

    /** The extension's keep-alive: not JSON, just the four letters. */
    void ping() {
        socket.send("ping");
    }

    /** Asks {@code account}'s wallet for a login; returns the {@code has://} link it shows as a QR code. */
    String startLogin(String account, String appName) {
        this.account = account;
        this.authKey = UUID.randomUUID().toString();
        socket.send(WirePeer.frame("auth_req").put("account", account)
                .put("data", new AuthReqData(new AuthReqData.App(appName)).encrypt(authKey)));
        JsonNode wait = socket.await("auth_wait");
        loginUuid = wait.get("uuid").asText();
        return new AuthPayload(account, loginUuid, authKey, relay.toString()).toUri();
    }

    /** The wallet's approval of the login started last, decrypted. */
    AuthAckData finishLogin() {
        JsonNode ack = socket.await("auth_ack", loginUuid);
        return AuthAckData.decrypt(ack.get("data").asText(), authKey).orElseThrow();
    }

    /** Asks the wallet to sign and broadcast {@code ops} with the posting key; returns the relayed sign_ack. */
    JsonNode signAndBroadcast(JsonNode ops) {
        SignReqData data = new SignReqData(KeyType.POSTING, ops, true, clock.millis());
        socket.send(WirePeer.frame("sign_req").put("account", account).put("token", token)
                .put("data", data.encrypt(authKey)));
        String uuid = socket.await("sign_wait").get("uuid").asText();
        return socket.awaitAnswer(uuid);
    }

    /**
     * Every frame the relay sent this app, once it has handled everything sent before: the relay answers a
     * socket's frames in order, so the attach_nack for a uuid nobody uses comes after all earlier answers.
     */
    List<JsonNode> everythingReceived() {
        socket.send(WirePeer.frame("attach_req").put("uuid", "barrier"));
        socket.await("attach_nack", "barrier");
        return socket.received();
    }

    @Override
    public void close() {
        socket.close();
    }
}
