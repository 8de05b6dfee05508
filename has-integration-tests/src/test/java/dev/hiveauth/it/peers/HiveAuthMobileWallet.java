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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A wallet that speaks as HiveAuth Mobile does: the current protocol (registration with a {@code pok}, a
 * {@code pok} on every reply), but every proof double-prefixed — it hands {@code "#" + value} to a helper that
 * encodes {@code "#" + memo}, so the relay decrypts {@code "##value"} — and a protocol-0.8 {@code token} still in
 * its {@code auth_ack_data}. It sends {@code key_req} as soon as the socket opens, proves with its least powerful
 * key (memo), and checks that each request's nonce is greater than the last one of the authentication.
 */
final class HiveAuthMobileWallet implements AutoCloseable {
    private final AccountKeys account;
    private final HiveClient hive;
    private final Clock clock;
    private final List<String> authKeys = new CopyOnWriteArrayList<>();
    private volatile WirePeer socket;
    private volatile PublicKey serverKey;
    private long lastNonce;

    HiveAuthMobileWallet(AccountKeys account, HiveClient hive, Clock clock) {
        this.account = account;
        this.hive = hive;
        this.clock = clock;
    }

    void connect(URI relay) {
        socket = WirePeer.connect(relay, this::onFrame);
        socket.send(WirePeer.frame("key_req"));
    }

    WirePeer socket() {
        return socket;
    }

    /** HiveAuth Mobile's proof: what its helper encodes is already {@code "#" + value}. */
    private String pok(String value) {
        return Memo.encode(account.memo(), serverKey, "##" + value);
    }

    private void onFrame(String text) {
        JsonNode frame;
        try {
            frame = WirePeer.JSON.readTree(text);
        } catch (java.io.IOException e) {
            return;
        }
        if ("key_ack".equals(frame.path("cmd").asText())) {
            serverKey = PublicKey.fromString(frame.get("key").asText());
            ObjectNode register = WirePeer.frame("register_req").put("app", "HiveAuth Mobile");
            register.putArray("accounts").addObject().put("name", account.name()).put("pok", pok(Long.toString(clock.millis())));
            socket.send(register);
        }
    }

    /** The user approves the login of a scanned QR code (the socket is already on the payload's relay). */
    void approveLogin(String payloadUri) {
        AuthPayload payload = AuthPayload.parse(payloadUri);
        JsonNode request = socket.await("auth_req", payload.uuid());
        AuthReqData data = AuthReqData.decrypt(request.get("data").asText(), payload.key()).orElseThrow();
        ChallengeAckData signed = null;
        if (data.challenge() != null) {
            PrivateKey key = KeyRole.of(account, data.challenge().keyType());
            signed = new ChallengeAckData(key.publicKey().toString(), key.sign(data.challenge().challenge()).toHex());
        }
        authKeys.add(payload.key());
        long expire = clock.millis() + Duration.ofHours(24).toMillis();
        AuthAckData ack = new AuthAckData(expire, signed, UUID.randomUUID().toString());
        socket.send(WirePeer.frame("auth_ack").put("uuid", payload.uuid()).put("data", ack.encrypt(payload.key()))
                .put("pok", pok(payload.uuid())));
    }

    /** The user approves the next transaction; returns the id of the transaction broadcast. */
    String approveNextSign() {
        JsonNode request = socket.await("sign_req");
        String uuid = request.get("uuid").asText();
        SignReqData data = open(request.get("data").asText())
                .orElseThrow(() -> new AssertionError("no authentication of this wallet opens " + request));
        if (data.nonce() == null || data.nonce() <= lastNonce) {
            throw new AssertionError("HiveAuth Mobile refuses a nonce not above the last one");
        }
        lastNonce = data.nonce();
        String txid = SignAndBroadcast.ops(hive, data.ops(), KeyRole.of(account, data.keyType()));
        socket.send(WirePeer.frame("sign_ack").put("uuid", uuid).put("broadcast", true).put("data", txid)
                .put("pok", pok(uuid)));
        return txid;
    }

    private Optional<SignReqData> open(String data) {
        for (String key : authKeys) {
            Optional<SignReqData> opened = SignReqData.decrypt(data, key);
            if (opened.isPresent()) {
                return opened;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
