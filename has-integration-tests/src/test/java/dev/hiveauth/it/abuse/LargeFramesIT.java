package dev.hiveauth.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.testing.RawWebSocket;
import dev.hiveauth.server.relay.Limits;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames at and just under the frame limit always pass, in any sequence: pairs and bursts in one write, messages
 * fragmented with pings between their pieces — against a relay that is warm (its workers have written large frames,
 * so a read may bring a whole frame at once) and busy (other sockets send all the while). A large {@code sign_req}
 * followed by another is a normal thing for an app to send; before, 1 in 3 such pairs was closed with 1011.
 */
class LargeFramesIT {
    private static final int LIMIT = Limits.DEFAULT.maxFrameBytes();
    private static final int ROUNDS = 10;
    private final HiveAuthWorld world = HiveAuthWorld.start();

    @AfterEach
    void close() {
        world.close();
    }

    /** A sign_req whose frame carries exactly {@code bytes} bytes. */
    private static String signRequest(int bytes) {
        String prefix = "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"";
        String suffix = "\"}";
        return prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
    }

    @Test
    void framesAtAndJustUnderTheLimit_pairsBurstsAndFragments_allPass_onAWarmBusyRelay() throws Exception {
        world.online(world.wallet(world.alice())); // the relay writes every request to it: large frames
        String atLimit = signRequest(LIMIT);
        String underLimit = signRequest(LIMIT - 1_000);
        warmUp(atLimit);

        AtomicBoolean busy = new AtomicBoolean(true);
        Thread others = new Thread(() -> keepBusy(busy), "busy-apps");
        others.start();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                try (RawWebSocket app = RawWebSocket.upgraded(world.relay(), 1024 * 1024)) {
                    assertThat(app.readText()).contains("\"connected\"");
                    app.sendTexts(List.of(atLimit, atLimit));
                    expectWaits(app, 2, round, "a pair at the limit");
                    app.sendTexts(List.of(underLimit, underLimit));
                    expectWaits(app, 2, round, "a pair just under the limit");
                    app.sendTexts(Collections.nCopies(5, atLimit));
                    expectWaits(app, 5, round, "a burst of five at the limit");
                    app.sendTextInFragments(atLimit, 3);
                    app.sendTextInFragments(atLimit, 7);
                    expectWaits(app, 2, round, "two messages at the limit in fragments, pings between");
                    app.sendTexts(List.of(underLimit, atLimit, underLimit));
                    app.sendTextInFragments(underLimit, 2);
                    expectWaits(app, 4, round, "a mixed burst");
                }
            }
        } finally {
            busy.set(false);
            others.join();
        }
    }

    /** The relay's workers write large frames (to the wallet) before the rounds start. */
    private void warmUp(String request) {
        try (WirePeer app = WirePeer.connect(world.relay())) {
            app.await("connected");
            for (int i = 0; i < 20; i++) {
                app.send(request);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> app.received("sign_wait").size() == 20);
        }
    }

    /** Small requests from another socket, 50 a second (under its rate limit), while the rounds run. */
    private void keepBusy(AtomicBoolean busy) {
        try (WirePeer other = WirePeer.connect(world.relay())) {
            other.await("connected");
            while (busy.get()) {
                other.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"small\"}");
                Thread.sleep(20); // the load's pace, not a wait for an outcome
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void expectWaits(RawWebSocket app, int count, int round, String what) throws IOException {
        for (int i = 0; i < count; i++) {
            String reply = app.readText();
            assertThat(reply).as("round %d, %s, reply %d (null: the relay closed the socket)", round, what, i + 1)
                    .isNotNull().contains("\"cmd\":\"sign_wait\"");
        }
    }
}
