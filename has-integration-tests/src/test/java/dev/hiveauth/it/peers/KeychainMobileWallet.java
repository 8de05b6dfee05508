package dev.hiveauth.it.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.it.fixture.KeyRole;
import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.crypto.Memo;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.AuthPayload;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.SignReqData;
import dev.hiveauth.protocol.testing.AccountKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A wallet that speaks as Hive Keychain Mobile does (its hiveAuthenticationService, as the protocol notes record
 * it), frame for frame:
 * <ul>
 *   <li>sends {@code key_req} as soon as the socket opens, without waiting for {@code connected};</li>
 *   <li>registers in the protocol-0.8 form {@code {key_type, challenge, name}}, the challenge a memo of
 *       {@code "#" + Date.now()} made with its least dangerous key (memo, then posting, then active);</li>
 *   <li>answers a request it received with a bare {@code {"cmd":"auth_wait"}} / {@code {"cmd":"sign_wait"}};</li>
 *   <li>never puts a {@code pok} on its replies;</li>
 *   <li>hands out a session {@code token} in {@code auth_ack_data} and finds the session of a later
 *       {@code sign_req} by the top-level {@code token} the relay forwards — without it, it cannot sign;</li>
 *   <li>refuses with a nack that has no {@code data}, only a plain-text {@code error}.</li>
 * </ul>
 */
final class KeychainMobileWallet implements AutoCloseable {
    private final AccountKeys account;
    private final HiveClient hive;
    private final Clock clock;
    private final BlockingQueue<AuthPayload> scanned = new LinkedBlockingQueue<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>(); // token -> auth_key
    private volatile WirePeer socket;

    KeychainMobileWallet(AccountKeys account, HiveClient hive, Clock clock) {
        this.account = account;
        this.hive = hive;
        this.clock = clock;
    }

    /** The user scans the app's QR code: Keychain takes the relay from it and connects there. */
    void scan(String payloadUri) {
        AuthPayload payload = AuthPayload.parse(payloadUri);
        if (socket == null) {
            connect(URI.create(payload.host()));
        }
        scanned.add(payload);
    }

    /** Connects and asks for the relay's key right away, as Keychain does in its {@code onopen}. */
    void connect(URI relay) {
        socket = WirePeer.connect(relay, this::onFrame);
        socket.send(WirePeer.frame("key_req"));
    }

    WirePeer socket() {
        return socket;
    }

    private void onFrame(String text) {
        JsonNode frame = read(text);
        if ("key_ack".equals(frame.path("cmd").asText())) {
            PublicKey serverKey = PublicKey.fromString(frame.get("key").asText());
            ObjectNode legacy = WirePeer.JSON.createObjectNode()
                    .put("key_type", "memo")
                    .put("challenge", Memo.encode(account.memo(), serverKey, "#" + clock.millis()))
                    .put("name", account.name());
            ObjectNode register = WirePeer.frame("register_req").put("app", "Hive Keychain");
            register.putArray("accounts").add(legacy);
            socket.send(register);
        }
    }

    /** The user approves the login the scanned QR code names; returns the session token handed out. */
    String approveLogin() {
        AuthPayload payload = nextScan();
        JsonNode request = socket.await("auth_req", payload.uuid());
        socket.send(WirePeer.frame("auth_wait"));
        AuthReqData data = AuthReqData.decrypt(request.get("data").asText(), payload.key()).orElseThrow();
        ChallengeAckData signed = null;
        if (data.challenge() != null) {
            PrivateKey key = KeyRole.of(account, data.challenge().keyType());
            signed = new ChallengeAckData(key.publicKey().toString(), key.sign(data.challenge().challenge()).toHex());
        }
        String token = UUID.randomUUID().toString();
        sessions.put(token, payload.key());
        long expire = clock.millis() + Duration.ofDays(1).toMillis();
        socket.send(WirePeer.frame("auth_ack").put("uuid", payload.uuid())
                .put("data", new AuthAckData(expire, signed, token).encrypt(payload.key())));
        return token;
    }

    /** The user approves the next transaction: signed with the key asked for and broadcast; returns its id. */
    String approveNextSign() {
        JsonNode request = socket.await("sign_req");
        socket.send(WirePeer.frame("sign_wait"));
        String authKey = session(request);
        SignReqData data = SignReqData.decrypt(request.get("data").asText(), authKey).orElseThrow();
        String txid = SignAndBroadcast.ops(hive, data.ops(), KeyRole.of(account, data.keyType()));
        socket.send(WirePeer.frame("sign_ack").put("uuid", request.get("uuid").asText())
                .put("broadcast", true).put("data", txid));
        return txid;
    }

    /** The user declines the next transaction: a nack with a reason in plain text and no data. */
    void declineNextSign() {
        JsonNode request = socket.await("sign_req");
        socket.send(WirePeer.frame("sign_wait"));
        session(request);
        socket.send(WirePeer.frame("sign_nack").put("uuid", request.get("uuid").asText())
                .put("error", "Request was canceled by the user."));
    }

    private String session(JsonNode request) {
        String token = request.path("token").asText(null);
        String authKey = token == null ? null : sessions.get(token);
        if (authKey == null) {
            throw new AssertionError("Keychain Mobile finds the session by the forwarded token; got " + request);
        }
        return authKey;
    }

    private AuthPayload nextScan() {
        try {
            AuthPayload payload = scanned.poll(10, TimeUnit.SECONDS);
            if (payload == null) {
                throw new AssertionError("no QR code was scanned within 10 s");
            }
            return payload;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return WirePeer.JSON.readTree(text);
        } catch (java.io.IOException e) {
            return WirePeer.JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
