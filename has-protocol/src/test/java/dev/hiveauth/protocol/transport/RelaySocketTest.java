package dev.hiveauth.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.protocol.testing.ManualTimers;
import dev.hiveauth.protocol.testing.ScriptedDialer;
import dev.hiveauth.protocol.testing.ScriptedDialer.ScriptedLink;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client transport's state machine on a hand-moved clock: every deadline, ping and backoff happens when the
 * test moves time, so nothing here waits for a quiet window to pass. Jitter is fixed at the top of its range.
 */
class RelaySocketTest {
    private static final URI RELAY = URI.create("ws://relay.example/");
    private static final RelaySocket.Settings SETTINGS = new RelaySocket.Settings(Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(8));

    private final ManualTimers timers = new ManualTimers();
    private final ScriptedDialer dialer = new ScriptedDialer();
    private final Events events = new Events();
    private final RelaySocket socket = new RelaySocket(RELAY, dialer, timers, SETTINGS, () -> 0.9999, events);

    /** The listener's view, in order. */
    private static final class Events implements RelaySocket.Listener {
        final List<String> seen = new ArrayList<>();

        @Override
        public synchronized void opened() {
            seen.add("opened");
        }

        @Override
        public synchronized void received(String frame) {
            seen.add("received " + frame);
        }

        @Override
        public synchronized void lost(String reason, long retryInMillis) {
            seen.add("lost (" + reason + ") retry in " + retryInMillis);
        }

        @Override
        public synchronized void failed(String reason, long retryInMillis) {
            seen.add("failed (" + reason + ") retry in " + retryInMillis);
        }

        synchronized List<String> take() {
            List<String> taken = List.copyOf(seen);
            seen.clear();
            return taken;
        }
    }

    private ScriptedLink openAndGreet() {
        socket.connect();
        ScriptedLink link = dialer.nextDial().open();
        socket.established();
        events.take();
        return link;
    }

    @Test
    void anIdleSocketDialsOnConnect_opensAndDeliversFramesInOrder() {
        assertThat(socket.state()).isEqualTo(RelaySocket.State.IDLE);
        assertThat(dialer.waitingDials()).as("nothing is dialled before connect()").isZero();

        socket.connect();
        socket.connect(); // already connecting: no second attempt
        assertThat(socket.state()).isEqualTo(RelaySocket.State.CONNECTING);
        ScriptedDialer.Dial dial = dialer.nextDial();
        assertThat(dialer.waitingDials()).isZero();
        assertThat(socket.send("too early")).isFalse();

        ScriptedLink link = dial.open();
        link.receive("{\"cmd\":\"connected\"}");
        link.receive("second");

        assertThat(socket.state()).isEqualTo(RelaySocket.State.OPEN);
        assertThat(events.take()).containsExactly("opened", "received {\"cmd\":\"connected\"}", "received second");
        assertThat(socket.send("hello")).isTrue();
        assertThat(link.sent()).containsExactly("hello");
    }

    @Test
    void aFailedAttemptBacksOff_doublingWithJitterUpToTheMaximum() {
        socket.connect();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            dialer.nextDial().fail("connection refused");
            String event = events.take().get(0);
            assertThat(event).startsWith("failed (cannot connect to ws://relay.example/: connection refused)");
            long delay = Long.parseLong(event.substring(event.lastIndexOf(' ') + 1));
            delays.add(delay);
            assertThat(socket.state()).isEqualTo(RelaySocket.State.BACKING_OFF);
            timers.advance(Duration.ofMillis(delay - 1));
            assertThat(dialer.waitingDials()).as("not before its delay").isZero();
            timers.advance(Duration.ofMillis(1));
        }
        // equal jitter: each delay lies in the upper half of 1 s, 2 s, 4 s, 8 s, 8 s, 8 s (random fixed just below 1)
        assertThat(delays).containsExactly(999L, 1999L, 3999L, 7999L, 7999L, 7999L);
    }

    @Test
    void anAttemptWithoutHandshakeInTime_fails_andALateHandshakeIsClosed() {
        socket.connect();
        ScriptedDialer.Dial hanging = dialer.nextDial();

        timers.advance(Duration.ofSeconds(10));

        assertThat(events.take()).singleElement().asString()
                .startsWith("failed (no WebSocket handshake with ws://relay.example/ within 10000 ms)");
        ScriptedLink late = hanging.open();
        assertThat(late.closeCode()).isEqualTo(1000);
        assertThat(events.take()).as("a superseded attempt reports nothing").isEmpty();
        assertThat(socket.state()).isEqualTo(RelaySocket.State.BACKING_OFF);
    }

    @Test
    void anOpenSocketWhoseRelayNeverGreets_isGivenUp() {
        socket.connect();
        ScriptedLink link = dialer.nextDial().open();
        events.take();

        timers.advance(Duration.ofSeconds(10));

        assertThat(events.take()).singleElement().asString()
                .startsWith("lost (ws://relay.example/ did not answer as a HAS within 10000 ms)");
        assertThat(link.closeCode()).isEqualTo(1001);
    }

    @Test
    void anOpenSocketIsPinged_andKeptWhileAnythingComesBack() {
        ScriptedLink link = openAndGreet();

        timers.advance(Duration.ofSeconds(30));
        assertThat(link.pings()).isEqualTo(1);
        link.pong();
        timers.advance(Duration.ofSeconds(30));
        link.receive("a frame counts as a sign of life too");
        timers.advance(Duration.ofSeconds(30));
        timers.advance(Duration.ofSeconds(29));

        assertThat(link.pings()).isEqualTo(3);
        assertThat(socket.state()).isEqualTo(RelaySocket.State.OPEN);
        assertThat(events.take()).containsExactly("received a frame counts as a sign of life too");
        timers.advance(Duration.ofSeconds(1));
        assertThat(events.take()).as("60 s after the last frame").singleElement().asString()
                .startsWith("lost (no pong");
    }

    @Test
    void aSilentConnectionIsGivenUpAfterThePongTimeout_andReplaced() {
        ScriptedLink link = openAndGreet();

        timers.advance(Duration.ofSeconds(30));
        assertThat(socket.state()).isEqualTo(RelaySocket.State.OPEN);
        timers.advance(Duration.ofSeconds(30));

        assertThat(events.take()).singleElement().asString()
                .isEqualTo("lost (no pong from ws://relay.example/ for 60000 ms) retry in 999");
        assertThat(link.closeCode()).isEqualTo(1001);
        timers.advance(Duration.ofMillis(999));
        assertThat(dialer.nextDial().uri()).isEqualTo(RELAY);
    }

    @Test
    void framesOfAReplacedConnectionAreIgnored() {
        ScriptedLink first = openAndGreet();
        first.closeFromRelay("1001 server shutting down");
        assertThat(events.take()).singleElement().asString()
                .startsWith("lost (closed by the relay (1001 server shutting down))");
        timers.advance(Duration.ofSeconds(1));
        ScriptedLink second = dialer.nextDial().open();

        first.receive("late frame of the old connection");
        first.closeFromRelay("again");
        second.receive("current");

        assertThat(events.take()).containsExactly("opened", "received current");
    }

    @Test
    void backoffGrowsWhileTheRelayNeverGreets_andResetsAfterItDoes() {
        socket.connect();
        List<String> retries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dialer.nextDial().open().closeFromRelay("1011 boom");
            retries.add(lastRetry());
            timers.advance(Duration.ofSeconds(8));
        }
        ScriptedLink greeted = dialer.nextDial().open();
        socket.established();
        greeted.closeFromRelay("1001 going away");
        retries.add(lastRetry());

        assertThat(retries).containsExactly("999", "1999", "3999", "999");
    }

    private String lastRetry() {
        String last = events.take().stream().filter(event -> event.startsWith("lost")).reduce((a, b) -> b)
                .orElseThrow();
        return last.substring(last.lastIndexOf(' ') + 1);
    }

    @Test
    void pausedWhileBackingOff_theSocketStaysIdleUntilAskedAgain() {
        openAndGreet().closeFromRelay("1006 abnormal");
        events.take();

        socket.pause();
        timers.advance(Duration.ofMinutes(5));
        assertThat(dialer.waitingDials()).isZero();
        assertThat(socket.state()).isEqualTo(RelaySocket.State.IDLE);

        socket.connect();
        assertThat(dialer.waitingDials()).as("an idle socket dials at once").isEqualTo(1);
    }

    @Test
    void connectWhileBackingOff_keepsTheScheduledAttempt() {
        socket.connect();
        dialer.nextDial().fail("refused");

        socket.connect();
        assertThat(dialer.waitingDials()).isZero();
        timers.advance(Duration.ofSeconds(1));
        assertThat(dialer.waitingDials()).isEqualTo(1);
    }

    @Test
    void droppingByTheRoleClosesTheLinkAndReconnects_withoutAnEvent() {
        ScriptedLink link = openAndGreet();

        long delay = socket.drop("key_ack carried no key");

        assertThat(delay).isEqualTo(999);
        assertThat(link.closeCode()).isEqualTo(1001);
        assertThat(events.take()).isEmpty();
        timers.advance(Duration.ofMillis(delay));
        assertThat(dialer.waitingDials()).isEqualTo(1);
        assertThat(socket.drop("nothing to drop while connecting? there is: the attempt")).isPositive();
        assertThat(socket.drop("now backing off")).isEqualTo(-1);
    }

    @Test
    void aFailedSendGivesTheConnectionUp() {
        ScriptedLink link = openAndGreet();

        link.breakDown("broken pipe");

        assertThat(events.take()).singleElement().asString().startsWith("lost (sending failed: broken pipe)");
        assertThat(socket.send("after")).isFalse();
    }

    @Test
    void closingIsFinal_silent_andStopsEveryTimer() {
        ScriptedLink link = openAndGreet();

        socket.close();
        socket.close();

        assertThat(link.closeCode()).isEqualTo(1000);
        assertThat(socket.state()).isEqualTo(RelaySocket.State.CLOSED);
        assertThat(timers.scheduled()).as("no ping, deadline or retry left").isZero();
        link.closeFromRelay("1000 bye");
        timers.advance(Duration.ofHours(1));
        assertThat(events.take()).isEmpty();
        assertThat(link.pings()).isZero();
        assertThat(dialer.waitingDials()).isZero();
        assertThatThrownBy(socket::connect).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aListenerMayUseTheSocketFromItsEvents() {
        List<String> echoed = new ArrayList<>();
        RelaySocket[] self = new RelaySocket[1];
        self[0] = new RelaySocket(RELAY, dialer, timers, SETTINGS, () -> 0.5, new RelaySocket.Listener() {
            @Override
            public void opened() {
                self[0].send("{\"cmd\":\"key_req\"}");
            }

            @Override
            public void received(String frame) {
                self[0].established();
                echoed.add(frame);
                self[0].send("echo " + frame);
            }

            @Override
            public void lost(String reason, long retryInMillis) {
                self[0].pause();
            }

            @Override
            public void failed(String reason, long retryInMillis) {
            }
        });
        self[0].connect();
        ScriptedLink link = dialer.nextDial().open();
        link.receive("key_ack");
        link.closeFromRelay("1000");

        assertThat(link.sent()).containsExactly("{\"cmd\":\"key_req\"}", "echo key_ack");
        assertThat(echoed).containsExactly("key_ack");
        assertThat(self[0].state()).isEqualTo(RelaySocket.State.IDLE);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> SETTINGS.withKeepAlive(Duration.ofSeconds(60), Duration.ofSeconds(30)))
                .hasMessageContaining("pong timeout");
        assertThatThrownBy(() -> SETTINGS.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("0 < min <= max");
        assertThatThrownBy(() -> SETTINGS.withConnectTimeout(Duration.ZERO)).hasMessageContaining("connect timeout");
    }
}
