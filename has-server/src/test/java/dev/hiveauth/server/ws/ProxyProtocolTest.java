package dev.hiveauth.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.testing.ProxyProtocolHeaders;
import dev.hiveauth.protocol.testing.RawWebSocket;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.AddressLimits;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A relay behind a load balancer that sends the PROXY protocol: every connection starts with a header naming the
 * client, and the limits per address count the client named there — in the transport (connections) and in the relay
 * (waiting requests) alike.
 */
class ProxyProtocolTest {
    private static final InetAddress FIRST = address("203.0.113.7");
    private static final InetAddress SECOND = address("198.51.100.9");
    private final PrivateKey alice = PrivateKey.fromSeed("alice posting");
    private HasServer server;

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void start() {
        server = HasServer.builder().host("127.0.0.1").port(0).proxyProtocol(true)
                .addressLimits(new AddressLimits(2, 1, 10))
                .accountKeys(AccountKeys.of(Map.of("alice", Set.of(alice.publicKey())))).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawWebSocket from(InetAddress client, boolean version2) throws IOException {
        InetAddress balancer = InetAddress.getLoopbackAddress();
        byte[] header = version2 ? ProxyProtocolHeaders.v2(client, 40000, balancer, server.port())
                : ProxyProtocolHeaders.v1(client, 40000, balancer, server.port());
        RawWebSocket socket = RawWebSocket.upgraded(server.uri(), 64 * 1024, null, header);
        assertThat(socket.readText()).contains("\"cmd\":\"connected\"");
        return socket;
    }

    private double closed(String reason) {
        Counter counter = server.meterRegistry().find("has.closed").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    @SuppressWarnings("try") // the three sockets are only held open, to count against the per-address cap
    void connectionsCountAgainstTheAddressTheHeaderNames() throws Exception {
        try (RawWebSocket first = from(FIRST, false);
             RawWebSocket second = from(FIRST, true);
             RawWebSocket other = from(SECOND, false)) {
            assertThatThrownBy(() -> from(FIRST, true)).isInstanceOf(IOException.class);
            assertThat(closed("address_cap")).isEqualTo(1);
        }
    }

    @Test
    void waitingRequestsCountAgainstTheAddressTheHeaderNames() throws Exception {
        String request = "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"x\"}";
        try (RawWebSocket first = from(FIRST, false);
             RawWebSocket second = from(FIRST, true);
             RawWebSocket other = from(SECOND, true)) {
            first.sendText(request);
            assertThat(first.readText()).contains("\"cmd\":\"auth_wait\"");
            second.sendText(request);
            assertThat(second.readText()).contains("this address already has 1 requests waiting");
            other.sendText(request);
            assertThat(other.readText()).contains("\"cmd\":\"auth_wait\"");
        }
    }

    @Test
    void aConnectionWithoutAHeaderIsClosed_aHealthCheckIsServed() throws Exception {
        try (RawWebSocket direct = RawWebSocket.tcp(server.uri(), 64 * 1024)) {
            direct.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(direct.readUntilClosed()).isEqualTo(RawWebSocket.CUT_OFF);
        }
        assertThat(closed("proxy_header")).isEqualTo(1);

        try (RawWebSocket healthCheck = RawWebSocket.upgraded(server.uri(), 64 * 1024, null,
                ProxyProtocolHeaders.v2Local())) {
            assertThat(healthCheck.readText()).contains("\"cmd\":\"connected\"");
        }
    }
}
