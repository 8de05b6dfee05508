package dev.hiveauth.it.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.testing.AccountKeys;
import dev.hiveauth.protocol.testing.RawWebSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * The attacker: a real Hive account ({@code mallory}) whose keys make valid proofs, and raw sockets to the relay from
 * an address of her own (127.0.0.2), that read only when she wants them to. A wallet socket she registers is trusted like any other until it stops reading.
 */
final class Mallory {
    /** A receive buffer small enough that the relay's queue, not the kernel, holds what she does not read. */
    static final int SMALL_BUFFER = 4 * 1024;
    /** Her address: another machine than the healthy peers' 127.0.0.1, as far as the relay can tell. */
    static final InetAddress ADDRESS = InetAddress.getLoopbackAddress().getAddress().length == 4
            ? address("127.0.0.2") : InetAddress.getLoopbackAddress();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccountKeys keys;
    private final URI relay;
    private PublicKey serverKey;

    Mallory(AccountKeys keys, URI relay) {
        this.keys = keys;
        this.relay = relay;
    }

    String account() {
        return keys.name();
    }

    URI relay() {
        return relay;
    }

    /** A socket that completed its upgrade and read nothing since. */
    RawWebSocket socket() throws IOException {
        return RawWebSocket.upgraded(relay, SMALL_BUFFER, ADDRESS, new byte[0]);
    }

    /** A TCP connection that sent nothing yet. */
    RawWebSocket tcp() throws IOException {
        return RawWebSocket.tcp(relay, SMALL_BUFFER, ADDRESS);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A wallet socket that registered mallory with a valid proof, and will read nothing more unless told to. */
    RawWebSocket registeredWallet() throws IOException {
        RawWebSocket wallet = socket();
        wallet.sendText(registration());
        for (String frame = wallet.readText(); frame != null; frame = wallet.readText()) {
            if ("register_ack".equals(field(frame, "cmd"))) {
                return wallet;
            }
            if ("error".equals(field(frame, "cmd"))) {
                throw new IOException("the relay refused mallory's registration: " + frame);
            }
        }
        throw new IOException("the relay closed mallory's wallet before its register_ack");
    }

    /** A {@code register_req} for mallory with a fresh proof of her posting key. */
    String registration() throws IOException {
        String pok = ProofOfKey.forRegistration(keys.posting(), serverKey(), Clock.systemUTC());
        return "{\"cmd\":\"register_req\",\"app\":\"mallory\",\"accounts\":[{\"name\":\"" + keys.name()
                + "\",\"pok\":\"" + pok + "\"}]}";
    }

    /** An {@code auth_req} for mallory carrying {@code data} (the relay cannot read it; any text will do). */
    String authRequest(String data) {
        return "{\"cmd\":\"auth_req\",\"account\":\"" + keys.name() + "\",\"data\":\"" + data + "\"}";
    }

    private synchronized PublicKey serverKey() throws IOException {
        if (serverKey == null) {
            try (RawWebSocket socket = socket()) {
                socket.sendText("{\"cmd\":\"key_req\"}");
                for (String frame = socket.readText(); frame != null; frame = socket.readText()) {
                    if ("key_ack".equals(field(frame, "cmd"))) {
                        serverKey = PublicKey.fromString(field(frame, "key"));
                        return serverKey;
                    }
                }
                throw new IOException("the relay closed before its key_ack");
            }
        }
        return serverKey;
    }

    /** A top-level text field of a relay frame, or null. */
    static String field(String frame, String name) throws IOException {
        JsonNode value = JSON.readTree(frame).get(name);
        return value == null ? null : value.asText();
    }
}
