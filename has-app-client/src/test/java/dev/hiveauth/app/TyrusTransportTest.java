package dev.hiveauth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.protocol.transport.Dialer;
import dev.hiveauth.protocol.transport.Link;
import dev.hiveauth.protocol.transport.LinkEvents;
import dev.hiveauth.protocol.transport.TyrusClient;
import dev.hiveauth.protocol.transport.TyrusDialer;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client transport on the real stack: Tyrus's client on its shared Grizzly transport, against the real relay.
 * The state machine above it is tested on hand-moved timers (has-protocol's RelaySocketTest); this checks that the
 * events it stands on really come: open, frames, pongs, closes, failed dials — and that a hundred sockets share a
 * handful of threads, and that Tyrus's per-message idle check takes no thread hop.
 */
class TyrusTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Dialer DIALER = TyrusDialer.shared();

    // no account is looked up: no Hive node is named (the relay would ask the public ones at start)
    private final HasServer relay = HasServer.builder().host("127.0.0.1").port(0)
            .accountKeys(AccountKeys.of(Map.of())).build().start();
    private final List<Link> links = new ArrayList<>();

    @AfterEach
    void stop() {
        links.forEach(link -> link.close(1000, "test over"));
        relay.close();
    }

    /** Everything one connection reported, in order. */
    private static final class Recorder implements LinkEvents {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile Link link;

        @Override
        public void opened(Link opened) {
            link = opened;
            events.add("opened");
        }

        @Override
        public void text(Link from, String frame) {
            events.add("text " + frame);
        }

        @Override
        public void pong(Link from) {
            events.add("pong");
        }

        @Override
        public void closed(Link from, String why) {
            events.add("closed " + why);
        }

        @Override
        public void failed(Link from, Throwable error) {
            events.add("failed " + (from == null ? "to connect" : "to send"));
        }
    }

    private Recorder dial() {
        Recorder recorder = new Recorder();
        DIALER.dial(relay.uri(), WAIT, recorder);
        await().atMost(WAIT).until(() -> recorder.link != null);
        links.add(recorder.link);
        return recorder;
    }

    @Test
    void aLinkOpens_carriesFramesBothWays_andHearsItsPongs() {
        Recorder recorder = dial();
        await().atMost(WAIT).until(() -> recorder.events.size() >= 2);
        assertThat(recorder.events.get(0)).isEqualTo("opened");
        assertThat(recorder.events.get(1)).startsWith("text {\"cmd\":\"connected\"");

        recorder.link.send("{\"cmd\":\"key_req\"}");
        recorder.link.ping();

        await().atMost(WAIT).until(() -> recorder.events.contains("pong")
                && recorder.events.stream().anyMatch(event -> event.startsWith("text {\"cmd\":\"key_ack\"")));
    }

    @Test
    void aLinkTheRelayClosesSaysSoWithTheCode() {
        Recorder recorder = dial();

        relay.stop();

        await().atMost(WAIT).until(() -> recorder.events.stream().anyMatch(event -> event.startsWith("closed 1001")));
    }

    @Test
    void aDialToAClosedPortFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Recorder recorder = new Recorder();

        DIALER.dial(URI.create("ws://127.0.0.1:" + closedPort + "/"), WAIT, recorder);

        await().atMost(WAIT).until(() -> recorder.events.contains("failed to connect"));
        assertThat(recorder.link).isNull();
    }

    @Test
    void aHundredLinksShareAHandfulOfThreads() {
        dial(); // the shared transport and the relay's workers are up
        int before = ManagementFactory.getThreadMXBean().getThreadCount();

        List<Recorder> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Recorder recorder = new Recorder();
            DIALER.dial(relay.uri(), WAIT, recorder);
            hundred.add(recorder);
        }
        await().atMost(WAIT).until(() -> hundred.stream().allMatch(recorder -> recorder.link != null));
        hundred.forEach(recorder -> links.add(recorder.link));

        int after = ManagementFactory.getThreadMXBean().getThreadCount();
        assertThat(after - before).as("threads added by 100 client sockets").isLessThan(20);
    }

    @Test
    void framesBothWays_wakeNoTyrusPoolThread_theIdleCheckRunsOnTheThreadThatHasTheFrame() {
        Set<String> before = tyrusPoolThreads();
        Recorder recorder = dial();

        for (int i = 0; i < 50; i++) {
            recorder.link.send("{\"cmd\":\"key_req\"}");
        }

        await().atMost(WAIT).until(() -> recorder.events.stream()
                .filter(event -> event.startsWith("text {\"cmd\":\"key_ack\"")).count() == 50);
        assertThat(tyrusPoolThreads()).as("Tyrus's scheduler threads, tyrus-N-thread-M").isSubsetOf(before);
    }

    private static Set<String> tyrusPoolThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.matches("tyrus-\\d+-thread-\\d+")).collect(Collectors.toSet());
    }

    /** The client sets no idle timeout of Tyrus's; one that is set still fires, from the session scheduler's thread. */
    @Test
    void aTyrusIdleTimeout_stillClosesASilentSession_andTheLastCloseStopsTheScheduler() throws Exception {
        TyrusClient client = new TyrusClient();
        CompletableFuture<String> closed = new CompletableFuture<>();
        Session session = client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session opened, EndpointConfig config) {
            }

            @Override
            public void onClose(Session closing, CloseReason reason) {
                // on the timer's thread, or on Grizzly's when the relay's answer to the close frame comes first
                closed.complete(reason.getReasonPhrase());
            }
        }, ClientEndpointConfig.Builder.create().build(), relay.uri());
        ScheduledExecutorService scheduler = client.getScheduledExecutorService();

        session.setMaxIdleTimeout(200);

        assertThat(closed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).contains("idle timeout");
        await().atMost(WAIT).until(scheduler::isShutdown);
    }
}
