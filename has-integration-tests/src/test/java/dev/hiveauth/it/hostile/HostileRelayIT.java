package dev.hiveauth.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.app.AuthResult;
import dev.hiveauth.it.fixture.ChildRelay;
import dev.hiveauth.it.fixture.HealthyPeers;
import dev.hiveauth.protocol.testing.RawWebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar on a 256 MB heap, every cap at its default, attacked from outside on loopback by one peer at a
 * time, each attack bounded in time. While each attack bites, alice logs in through her service wallet; after it, the
 * relay must be serving, without an {@code OutOfMemoryError}, its heap back near where it was once the attack's
 * requests expired, its log grown by no more than a fixed budget. One relay serves the whole suite, as one would
 * serve the attacks of a day one after the other. Each attack's figures are printed at the end.
 */
class HostileRelayIT {
    private static final Duration ATTACK = Duration.ofSeconds(10);
    /** Requests expire this fast here (the default is 60 s) so that an attack's leftovers are gone within the test. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Heap an attack may leave behind once its traces are gone: caches warmed, pools grown, nothing it holds. */
    private static final long HEAP_MARGIN = 16L * 1024 * 1024;
    private static final long HEAP_BYTES = 256L * 1024 * 1024;
    /** Log an attack may make the relay write, whatever it sends for {@link #ATTACK}. */
    private static final long LOG_BUDGET = 256 * 1024;
    private static final List<AttackReport> REPORTS = new ArrayList<>();

    private static HealthyPeers peers;
    private static ChildRelay relay;
    private static Mallory mallory;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "hostile-relay"));
        peers = new HealthyPeers();
        relay = ChildRelay.start(dir, peers.node(), REQUEST_TIMEOUT);
        peers.connect(relay.uri());
        mallory = new Mallory(peers.mallory(), relay.uri());
        peers.login(); // every path warm before the first baseline
    }

    @AfterAll
    static void stop() {
        REPORTS.forEach(report -> System.out.println("hostile relay (summary): " + report.line()));
        if (peers != null) {
            peers.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @AfterEach
    void relayNeverRanOutOfMemory() {
        assertThat(relay.ranOutOfMemory()).as("OutOfMemoryError in the relay's log").isFalse();
    }

    /**
     * Runs the attack; once it bites, alice logs in and must succeed, and the relay's live heap is measured; once the
     * attack's traces are gone, the relay is measured again and must be healthy, and alice logs in again.
     */
    private AttackReport survive(Attack attack) throws Exception {
        AttackWindow window = AttackWindow.open(relay, attack.name());
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                attack.run(ATTACK);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await(attack.name() + " biting").atMost(ATTACK.plusSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> attack.biting(window) || running.isDone());
        if (running.isCompletedExceptionally()) {
            running.join(); // the attack's own failure says more than "not biting"
        }
        assertThat(attack.biting(window)).as("the relay showed the attack in effect").isTrue();
        long start = System.nanoTime();
        AuthResult during = peers.login();
        long loginMillis = (System.nanoTime() - start) / 1_000_000;
        window.measureLive();
        running.join();

        AttackReport report = window.close(loginMillis, attack.outcome());
        REPORTS.add(report);
        System.out.println("hostile relay: " + report.line());
        assertThat(during.auth().authKey()).as("alice's login during the attack").isNotEmpty();
        assertThat(relay.isAlive()).isTrue();
        assertThat(relay.ranOutOfMemory()).as("OutOfMemoryError in the relay's log").isFalse();
        assertThat(report.liveDuring()).as("live heap during the attack, within the 80%% of the heap the caps fit in")
                .isLessThanOrEqualTo(HEAP_BYTES * 8 / 10);
        assertThat(report.heapAfter()).as("heap after a GC, once the attack's traces are gone")
                .isLessThanOrEqualTo(report.baselineHeap() + HEAP_MARGIN);
        assertThat(report.logBytes()).as("log written during the attack:%n%s", tail(window.log()))
                .isLessThanOrEqualTo(LOG_BUDGET);
        assertThat(window.log()).as("stack traces in the log").doesNotContain("\tat ");
        assertThat(peers.login().auth().authKey()).as("alice's login after the attack").isNotEmpty();
        return report;
    }

    private static String tail(String log) {
        return log.length() <= 4_000 ? log : "…" + log.substring(log.length() - 4_000);
    }

    @Test
    void aStalledWalletWithLargeRequestsPouringIn() throws Exception {
        AttackReport report = survive(new StalledWallet(mallory));

        assertThat(report.closed()).containsKey("slow_reader");
    }

    @Test
    void stalledAppsSentLargeAnswers() throws Exception {
        AttackReport report = survive(new StalledApps(mallory));

        assertThat(report.closed()).containsKey("slow_reader");
    }

    @Test
    void aPingFloodWithoutReads() throws Exception {
        PingFlood flood = new PingFlood(mallory);
        AttackReport report = survive(flood);

        assertThat(report.closed()).containsEntry("ping_flood", (long) PingFlood.SOCKETS);
        assertThat(flood.closeCodes().keySet()).as("close codes").isSubsetOf(1008, RawWebSocket.CUT_OFF);
    }

    @Test
    void aRegistrationFloodWithLongInvalidNames() throws Exception {
        AttackReport report = survive(new RegistrationFlood(mallory));

        assertThat(report.suppressedLines()).as("the log limiter stepped in").isPositive();
    }

    @Test
    void halfOpenHandshakes() throws Exception {
        HalfOpenHandshakes attack = new HalfOpenHandshakes(mallory);
        AttackReport report = survive(attack);

        int all = HalfOpenHandshakes.SILENT + HalfOpenHandshakes.TRICKLING;
        long refusedAtAccept = report.closed().getOrDefault("address_cap", 0L);
        assertThat(report.closed().get("handshake_timeout") + refusedAtAccept).as("every connection closed, once")
                .isEqualTo(all);
        assertThat(attack.closeCodes()).containsExactly(Map.entry(RawWebSocket.CUT_OFF, all));
    }

    @Test
    void manySocketsEachJustUnderEveryLimit() throws Exception {
        AttackReport report = survive(new JustUnderLimits(mallory));

        assertThat(report.closed()).containsKey("receiving_full");
    }
}
