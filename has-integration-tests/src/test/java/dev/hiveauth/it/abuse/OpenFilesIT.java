package dev.hiveauth.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.it.fixture.ChildRelay;
import dev.hiveauth.it.fixture.HealthyPeers;
import dev.hiveauth.protocol.testing.RawWebSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar under an open-file limit of 1,024 (a common default), flooded with more connections than that from 20
 * addresses: 1,000 that never finish their handshake and 300 upgraded ones that stay idle. Every connection takes a file; before, the cap
 * (50,000) let the flood take them all, and the management port and Hive calls timed out with everyone else. Now the
 * cap not given stays under the limit with a reserve, the flood is refused at accept past it, the management port
 * answers throughout, and once the flood is gone a login works.
 */
class OpenFilesIT {
    private static final int OPEN_FILE_LIMIT = 1_024;
    private final HealthyPeers peers = new HealthyPeers();
    private final List<RawWebSocket> flood = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void noFloodYet() {
        flood.clear();
    }

    @AfterEach
    void close() {
        flood.stream().filter(socket -> socket != null).forEach(RawWebSocket::close);
        peers.close();
    }

    @Test
    void aConnectionFloodPastTheOpenFileLimit_isRefusedAtAccept_andTheManagementPortAnswersThroughout() throws Exception {
        try (ChildRelay relay = ChildRelay.start(dir, peers.node(), Duration.ofSeconds(60), List.of(),
                OPEN_FILE_LIMIT)) {
            assertThat(relay.metric("process_files_max_files", "")).isEqualTo(OPEN_FILE_LIMIT);
            double openBefore = relay.metric("process_files_open_files", "");

            for (int i = 0; i < 1_000; i++) {
                InetAddress from = floodAddress(i);
                flood.add(open(() -> RawWebSocket.tcp(relay.uri(), 4 * 1024, from)));
                if (i % 100 == 0) {
                    assertThat(relay.metric("has_closed_total", "")).as("/metrics answers during the flood")
                            .isNotNegative();
                }
            }
            for (int i = 0; i < 300; i++) {
                InetAddress from = floodAddress(i);
                flood.add(open(() -> RawWebSocket.upgraded(relay.uri(), 4 * 1024, from, new byte[0])));
            }

            double openDuring = relay.metric("process_files_open_files", "");
            double refused = relay.metric("has_closed_total", "reason=\"connection_cap\"")
                    + relay.metric("has_closed_total", "reason=\"address_cap\"");
            System.out.printf("open-file limit %d: %.0f files open before the flood, %.0f during; %.0f of 1,300 "
                    + "connections refused at accept%n", OPEN_FILE_LIMIT, openBefore, openDuring, refused);
            assertThat(openDuring).as("files left for the server's own use").isLessThan(OPEN_FILE_LIMIT - 200);
            assertThat(refused).as("connections past the cap (1,024 - 256 = 768)").isGreaterThanOrEqualTo(1_300 - 768);
            assertThat(relay.metric("has_closed_total", "reason=\"connection_cap\"")).as("the server-wide cap bit")
                    .isPositive();

            flood.stream().filter(socket -> socket != null).forEach(RawWebSocket::close);
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.metric("has_connections", "") == 0);
            peers.connect(relay.uri());
            assertThat(peers.login().auth().authKey()).as("a login once the flood is gone").isNotEmpty();
        }
    }

    @Test
    void aConnectionCapAboveTheOpenFileLimit_isWarnedAboutAtStart() throws Exception {
        try (ChildRelay relay = ChildRelay.start(dir, peers.node(), Duration.ofSeconds(60),
                List.of("--max-connections", "5000"), OPEN_FILE_LIMIT)) {
            assertThat(relay.logSince(0)).contains("the connection cap (5000) is above what this process may open "
                    + "(1024 files, 256 kept for the server's own files, Hive calls and the management port)");
        }
    }

    /**
     * The flood comes from 20 loopback addresses (Linux routes all of 127.0.0.0/8 to the loopback), so that no one
     * address's share (a tenth of the cap) stops it before the server-wide cap does.
     */
    private static InetAddress floodAddress(int connection) throws IOException {
        return InetAddress.getByName("127.0.0." + (2 + connection % 20));
    }

    private interface Opening {
        RawWebSocket open() throws IOException;
    }

    /** A connection, or null when the relay closed it before it could be used (past the cap). */
    private static RawWebSocket open(Opening opening) {
        try {
            return opening.open();
        } catch (IOException e) {
            return null;
        }
    }
}
