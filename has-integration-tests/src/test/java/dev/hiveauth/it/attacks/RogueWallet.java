package dev.hiveauth.it.attacks;

import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.net.URI;
import java.time.Clock;

/**
 * An attacker's socket posing as a wallet: it learns the relay's key like any wallet, registers whatever account
 * it can prove a key of, and sends replies it forged, with whatever proof of key the test makes for it.
 */
final class RogueWallet implements AutoCloseable {
    private final WirePeer socket;
    private final PublicKey serverKey;

    private RogueWallet(URI relay) {
        socket = WirePeer.connect(relay);
        socket.await("connected");
        socket.send(WirePeer.frame("key_req"));
        serverKey = PublicKey.fromString(socket.await("key_ack").get("key").asText());
    }

    static RogueWallet connect(URI relay) {
        return new RogueWallet(relay);
    }

    /** Registers {@code account} with a proof made with {@code key} (one of the account's, or the test expects a refusal). */
    void register(String account, PrivateKey key, Clock clock) {
        var register = WirePeer.frame("register_req").put("app", "rogue");
        register.putArray("accounts").addObject().put("name", account)
                .put("pok", ProofOfKey.forRegistration(key, serverKey, clock));
        socket.send(register);
        socket.await("register_ack");
    }

    /** A proof of {@code value} made with {@code key}, addressed to this relay. */
    String pok(PrivateKey key, String value) {
        return ProofOfKey.create(key, serverKey, value);
    }

    /** Sends a reply {@code {cmd, uuid, data, pok}}. */
    void reply(String cmd, String uuid, String data, String pok) {
        socket.send(WirePeer.frame(cmd).put("uuid", uuid).put("data", data).put("pok", pok));
    }

    /** The relay's next {@code error} about request {@code uuid}. */
    String errorAbout(String uuid) {
        return socket.await("error", uuid).get("error").asText();
    }

    @Override
    public void close() {
        socket.close();
    }
}
