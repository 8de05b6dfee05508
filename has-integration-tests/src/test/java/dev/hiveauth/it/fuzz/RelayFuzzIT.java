package dev.hiveauth.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.testing.MutableClock;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.Limits;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Throws mutated and random frames at a running server over WebSockets, then checks it still serves a full
 * valid flow, dropped nothing it holds, and came back to its thread count and heap. {@code mvn verify} runs
 * 10,000 frames from a fixed seed, so every build throws the same frames; {@code -Pfuzz} runs 100,000 from a
 * new seed each time ({@code -Dfuzz.frames=N}, {@code -Dfuzz.seed=S} to replay a printed seed).
 */
class RelayFuzzIT {
    private static final int FRAMES = Integer.getInteger("fuzz.frames", 10_000);
    private static final long SEED = Long.getLong("fuzz.seed", FRAMES > 10_000 ? System.nanoTime() : 20261122L);
    private static final int PEERS = 4;
    private static final int ROUNDS = 3;
    private static final int MAX_FRAME = 64 * 1024;
    private static final long HEAP_TOLERANCE = 24L * 1024 * 1024;

    private final MutableClock clock = new MutableClock(System.currentTimeMillis());
    private final PrivateKey alice = PrivateKey.fromSeed("fuzz alice");
    // A generous rate limit: this test is about what frames contain, not how many (rate limits have their own tests).
    private final HasServer server = HasServer.builder().host("127.0.0.1").port(0).clock(clock)
            .accountKeys(AccountKeys.of(Map.of("alice", Set.of(alice.publicKey()))))
            .limits(Limits.DEFAULT.withMaxFrameBytes(MAX_FRAME).withRate(1_000_000, 1_000_000))
            .build().start();
    private final URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void theServerSurvivesHostileFramesAndComesBackToItsBaseline() throws Exception {
        System.out.printf("fuzz: %d frames in %d rounds, seed %d (replay with -Dfuzz.seed=%d)%n",
                FRAMES, ROUNDS, SEED, SEED);
        FrameMutator mutator = new FrameMutator(SEED);
        fullFlowWorks(); // warm every path before taking the baseline
        Footprint baseline = quiesce();
        List<Footprint> afterRounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            fuzzRound(mutator, FRAMES / ROUNDS);
            fullFlowWorks();
            afterRounds.add(quiesce());
        }
        System.out.printf("fuzz: baseline %s; after rounds %s%n", baseline, afterRounds);

        Footprint first = afterRounds.get(0);
        Footprint last = afterRounds.get(ROUNDS - 1);
        assertThat(last.threads()).as("threads do not grow round after round").isLessThanOrEqualTo(first.threads() + 2);
        assertThat(last.heapBytes()).as("heap back to its baseline").isLessThan(baseline.heapBytes() + HEAP_TOLERANCE);
        assertThat(server.pendingRequestCount()).isZero();
        assertThat(server.registrationCount()).isZero();
        assertThat(server.connectionCount()).isZero();
    }

    private void fuzzRound(FrameMutator mutator, int frames) throws Exception {
        ClientManager client = ClientManager.createClient();
        List<FuzzPeer> peers = new ArrayList<>();
        for (int i = 0; i < PEERS; i++) {
            peers.add(new FuzzPeer(client, uri));
        }
        try {
            for (int i = 0; i < frames; i++) {
                FuzzPeer peer = peers.get(i % PEERS);
                if (mutator.binaryNow()) {
                    peer.sendBinary(mutator.nextBinary());
                } else {
                    peer.send(mutator.next(MAX_FRAME));
                }
            }
            for (FuzzPeer peer : peers) {
                assertThat(peer.drained()).as("every frame answered in order, connection alive").isTrue();
                assertThat(peer.closeReason()).as("no frame within the limits closes a socket").isNull();
                assertThat(peer.leakyErrors()).as("no error reads like a stack trace").isEmpty();
            }
        } finally {
            for (FuzzPeer peer : peers) {
                peer.close();
            }
            client.shutdown();
        }
    }

    /** A PKSA registers alice with a real pok, an app authenticates, the reply comes back: nothing broke. */
    private void fullFlowWorks() {
        try (WirePeer pksa = WirePeer.connect(uri); WirePeer app = WirePeer.connect(uri)) {
            pksa.await("connected");
            app.await("connected");
            pksa.send("{\"cmd\":\"register_req\",\"app\":\"fuzz\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                    + ProofOfKey.forRegistration(alice, server.serverKey(), clock) + "\"}]}");
            pksa.await("register_ack");
            app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2FsdGVkX1+x\"}");
            String uuid = app.await("auth_wait").get("uuid").asText();
            // requests for alice that fuzzed frames queued are forwarded too: look past them
            pksa.await("auth_req", uuid);
            pksa.send("{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"ok\",\"pok\":\""
                    + ProofOfKey.forReply(alice, server.serverKey(), uuid) + "\"}");
            assertThat(app.await("auth_ack", uuid).get("data").asText()).isEqualTo("ok");
        }
    }

    /** Lets everything held expire, waits for sockets to go, collects garbage, and measures. */
    private Footprint quiesce() throws Exception {
        clock.advance(Duration.ofSeconds(121));
        server.sweepExpired();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.connectionCount() == 0);
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return new Footprint(ManagementFactory.getThreadMXBean().getThreadCount(), heap);
    }

    private record Footprint(int threads, long heapBytes) {
        @Override
        public String toString() {
            return threads + " threads, " + heapBytes / (1024 * 1024) + " MiB heap";
        }
    }
}
