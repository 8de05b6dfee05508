package dev.hiveauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hiveauth.protocol.testing.FakeHiveNode;
import dev.hiveauth.server.relay.AccountKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** At start the relay names its Hive nodes and asks them once for the head block: a warning when none answers. */
class HiveNodesCheckTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Logger logger = (Logger) LoggerFactory.getLogger(HiveNodesCheck.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void givenANodeThatAnswers_theStartNamesItAndLogsItsHeadBlock() {
        try (FakeHiveNode node = FakeHiveNode.start(Clock.systemUTC());
             HasServer relay = relayOn(node.uri())) {
            await().atMost(WAIT).until(() -> lines.list.size() == 2);

            assertThat(line(0)).isEqualTo("INFO account keys are looked up on the Hive nodes [" + node.uri()
                    + "]; asking them for the head block");
            assertThat(line(1)).startsWith("INFO Hive node " + node.uri() + " answers: head block ");
            assertThat(node.calls("condenser_api.get_dynamic_global_properties")).isEqualTo(1);
            assertThat(relay.isRunning()).isTrue();
        }
    }

    @Test
    void givenAnAddressWhereNothingAnswers_theStartWarnsAndTheRelayServesAnyway() throws IOException {
        URI nothing = addressWhereNothingListens();
        try (HasServer relay = relayOn(nothing)) {
            assertThat(relay.isRunning()).as("the start does not wait for the nodes").isTrue();
            await().atMost(WAIT).until(() -> lines.list.size() == 2);

            assertThat(lines.list.get(1).getLevel()).isEqualTo(Level.WARN);
            assertThat(line(1)).startsWith("WARN no Hive node answered (")
                    .contains(nothing.toString(), "wallets cannot register until one does", "--hive-api");
            assertThat(relay.isRunning()).isTrue();
        }
    }

    @Test
    void givenAccountKeysFromElsewhere_noNodeIsNamedOrAsked() {
        try (HasServer relay = HasServer.builder().host("127.0.0.1").port(0).accountKeys(AccountKeys.of(Map.of()))
                .build().start()) {
            assertThat(relay.isRunning()).isTrue();
        }
        assertThat(lines.list).isEmpty();
    }

    private static HasServer relayOn(URI hiveNode) {
        return HasServer.builder().host("127.0.0.1").port(0).hiveNodes(List.of(hiveNode))
                .hiveTimeout(Duration.ofSeconds(2)).build().start();
    }

    private String line(int index) {
        ILoggingEvent event = lines.list.get(index);
        return event.getLevel() + " " + event.getFormattedMessage();
    }

    /** A loopback port just closed: a connection to it is refused at once. */
    private static URI addressWhereNothingListens() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
    }
}
