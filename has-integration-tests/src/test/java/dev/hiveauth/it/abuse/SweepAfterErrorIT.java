package dev.hiveauth.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.testing.MutableClock;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.server.relay.InMemoryRequestStore;
import dev.hiveauth.server.relay.RequestStore;
import dev.hiveauth.server.relay.StoredRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The relay's background sweep dies of an {@code Error} (as it did after an {@code OutOfMemoryError}, when it caught
 * only runtime exceptions and never ran again): requests must still expire, the next second.
 */
class SweepAfterErrorIT {

    @Test
    void afterTheExpirySweepDiedOfAnError_requestsStillExpire() {
        MutableClock clock = new MutableClock(1_000_000);
        AtomicInteger sweeps = new AtomicInteger();
        RequestStore store = new FirstSweepFails(new InMemoryRequestStore(1 << 20), sweeps);
        PrivateKey alice = PrivateKey.fromSeed("alice posting");
        try (HasServer server = HasServer.builder().host("127.0.0.1").port(0).clock(clock).store(store)
                .accountKeys(AccountKeys.of(Map.of("alice", Set.of(alice.publicKey())))).build().start();
             WirePeer app = WirePeer.connect(server.uri())) {
            app.await("connected");
            app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"x\"}");
            app.await("auth_wait");
            await().atMost(Duration.ofSeconds(10)).until(() -> sweeps.get() >= 1);

            clock.advance(Duration.ofSeconds(61));

            await().atMost(Duration.ofSeconds(10)).until(() -> server.pendingRequestCount() == 0);
            assertThat(sweeps.get()).isGreaterThan(1);
        }
    }


    /** The relay's memory, whose first sweep dies of an {@code Error}. */
    private record FirstSweepFails(RequestStore inner, AtomicInteger sweeps) implements RequestStore {
        @Override
        public void sweep(long now) {
            if (sweeps.incrementAndGet() == 1) {
                throw new OutOfMemoryError("simulated: the heap ran out during a sweep");
            }
            inner.sweep(now);
        }

        @Override
        public void open(Deliveries deliveries) {
            inner.open(deliveries);
        }

        @Override
        public CompletionStage<Void> create(StoredRequest request, long now) {
            return inner.create(request, now);
        }

        @Override
        public CompletionStage<RequestFacts> facts(String uuid) {
            return inner.facts(uuid);
        }

        @Override
        public CompletionStage<Claim> claim(String uuid, String account, Family family, String replyFrame, String token,
                                            long now, long keepUntil) {
            return inner.claim(uuid, account, family, replyFrame, token, now, keepUntil);
        }

        @Override
        public CompletionStage<Attachment> attach(String uuid, String appConnection, long now) {
            return inner.attach(uuid, appConnection, now);
        }

        @Override
        public CompletionStage<Void> watch(String account) {
            return inner.watch(account);
        }

        @Override
        public void unwatch(String account) {
            inner.unwatch(account);
        }

        @Override
        public CompletionStage<Waiting> waiting(String account, long now) {
            return inner.waiting(account, now);
        }

        @Override
        public int requestCount() {
            return inner.requestCount();
        }
    }
}
