package dev.hiveauth.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.testing.MutableClock;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.Connection;
import dev.hiveauth.server.relay.InMemoryRelayState;
import dev.hiveauth.server.relay.PendingRequest;
import dev.hiveauth.server.relay.RelayState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        RelayState state = new FirstSweepFails(new InMemoryRelayState(), sweeps);
        PrivateKey alice = PrivateKey.fromSeed("alice posting");
        try (HasServer server = HasServer.builder().host("127.0.0.1").port(0).clock(clock).state(state)
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
    private record FirstSweepFails(RelayState inner, AtomicInteger sweeps) implements RelayState {
        @Override
        public List<PendingRequest> sweep(long now) {
            if (sweeps.incrementAndGet() == 1) {
                throw new OutOfMemoryError("simulated: the heap ran out during a sweep");
            }
            return inner.sweep(now);
        }

        @Override
        public void add(PendingRequest request) {
            inner.add(request);
        }

        @Override
        public PendingRequest request(String uuid) {
            return inner.request(uuid);
        }

        @Override
        public List<PendingRequest> unanswered(String account) {
            return inner.unanswered(account);
        }

        @Override
        public void answered(PendingRequest request) {
            inner.answered(request);
        }

        @Override
        public int requestCount() {
            return inner.requestCount();
        }

        @Override
        public boolean register(String account, Connection pksa) {
            return inner.register(account, pksa);
        }

        @Override
        public boolean isRegistered(String account, Connection pksa) {
            return inner.isRegistered(account, pksa);
        }

        @Override
        public Set<Connection> registrations(String account) {
            return inner.registrations(account);
        }

        @Override
        public void unregister(Connection pksa, Collection<String> accounts) {
            inner.unregister(pksa, accounts);
        }

        @Override
        public int registrationCount() {
            return inner.registrationCount();
        }
    }
}
