package dev.hiveauth.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.it.fixture.ChildRelay;
import dev.hiveauth.it.fixture.HealthyPeers;
import dev.hiveauth.it.fixture.TcpProxy;
import dev.hiveauth.protocol.testing.RawWebSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One client cannot take everyone's share, behind a load balancer too. The jar runs with {@code --proxy-protocol};
 * two in-test balancers stand for the clients: through one, mallory (203.0.113.66, PROXY v1) opens more sockets than
 * her address may hold and fills her address's share of waiting requests; through the other, alice's wallet and her
 * web site's backend (198.51.100.7, PROXY v2) log her in, during the attack and after. Before, 2,500 sockets from one
 * address filled the server-wide cap of 250,000 waiting requests, and everyone else got "the server is busy" for 60 s.
 */
class FairSharesIT {
    private static final int PENDING_TOTAL = 1_000;
    private static final int CONNECTIONS_PER_ADDRESS = 50;
    private final HealthyPeers peers = new HealthyPeers();
    private final List<RawWebSocket> mallorySockets = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        mallorySockets.forEach(RawWebSocket::close);
        peers.close();
    }

    @Test
    void anAddressFillsItsShare_andUsersBehindAnotherAddressAreServed_throughPrefixedConnections() throws Exception {
        List<String> options = List.of("--proxy-protocol", "--max-pending-total", Integer.toString(PENDING_TOTAL),
                "--max-connections-per-address", Integer.toString(CONNECTIONS_PER_ADDRESS));
        try (ChildRelay relay = ChildRelay.start(dir, peers.node(), Duration.ofSeconds(60), options, 0);
             TcpProxy mallorysBalancer = TcpProxy.balancer(relay.uri(), InetAddress.getByName("203.0.113.66"), false);
             TcpProxy usersBalancer = TcpProxy.balancer(relay.uri(), InetAddress.getByName("198.51.100.7"), true)) {
            peers.connect(usersBalancer.uri());

            int opened = 0;
            for (int i = 0; i < 2 * CONNECTIONS_PER_ADDRESS; i++) {
                RawWebSocket socket = connected(mallorysBalancer.uri());
                if (socket != null) {
                    mallorySockets.add(socket);
                    opened++;
                }
            }
            int waiting = 0;
            int refused = 0;
            String refusal = null;
            for (int i = 0; i < 2 * PENDING_TOTAL; i++) {
                RawWebSocket socket = mallorySockets.get(i % mallorySockets.size());
                socket.sendText("{\"cmd\":\"auth_req\",\"account\":\"mallory\",\"data\":\"x\"}");
                String reply = socket.readText();
                if (reply.contains("\"auth_wait\"")) {
                    waiting++;
                } else {
                    refused++;
                    refusal = reply;
                }
            }
            System.out.printf("one address (behind a balancer) held %d of %d connections tried and %d of %d requests "
                    + "sent (the server's cap: %d)%n", opened, 2 * CONNECTIONS_PER_ADDRESS, waiting, 2 * PENDING_TOTAL,
                    PENDING_TOTAL);

            assertThat(opened).isEqualTo(CONNECTIONS_PER_ADDRESS);
            assertThat(waiting).as("a tenth of the server's waiting requests").isEqualTo(PENDING_TOTAL / 10);
            assertThat(refusal).contains("this address already has 100 requests waiting, the limit for one address");
            assertThat(relay.metric("has_closed_total", "reason=\"address_cap\"")).isEqualTo(CONNECTIONS_PER_ADDRESS);
            assertThat(peers.login().auth().authKey()).as("alice's login, mallory's share full").isNotEmpty();
        }
    }

    @Test
    void aConnectionThatDoesNotStartWithAProxyHeader_isClosed() throws Exception {
        try (ChildRelay relay = ChildRelay.start(dir, peers.node(), Duration.ofSeconds(60), List.of("--proxy-protocol"),
                0)) {
            assertThat(connected(relay.uri())).as("straight to the relay, around the balancer").isNull();
            assertThat(relay.metric("has_closed_total", "reason=\"proxy_header\"")).isEqualTo(1);
        }
    }

    /** An upgraded socket that got its {@code connected}, or null when the relay closed it. */
    private static RawWebSocket connected(URI relay) {
        try {
            RawWebSocket socket = RawWebSocket.upgraded(relay, 64 * 1024);
            String first = socket.readText();
            if (first == null || !first.contains("\"connected\"")) {
                socket.close();
                return null;
            }
            return socket;
        } catch (IOException e) {
            return null;
        }
    }
}
