package dev.hiveauth.server.relay;

import static org.awaitility.Awaitility.await;

import dev.hiveauth.protocol.message.Family;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store as the relay sees it, that can tell a test when everything the last frame set going has finished, so the
 * relay's rules can be checked the same way over a store that answers at once and one that answers from Redis.
 *
 * <p>Each stage handed to the relay completes only after the store's own stage, and the count of stages in flight
 * goes down only after the relay's callbacks on it have run (they run inside {@code complete}). What the store
 * delivers by itself (forwards and replies published by Redis) is covered by {@link RequestStore#waiting}'s marker:
 * it reaches this node after everything published to it before, and its stage settles once it arrived.
 */
final class SettlingStore implements RequestStore {
    private static final String BARRIER_ACCOUNT = "settling.barrier";

    private final RequestStore inner;
    private final AtomicInteger inFlight = new AtomicInteger();

    SettlingStore(RequestStore inner) {
        this.inner = inner;
    }

    /** Waits until no stage is in flight and everything published to this node has been delivered. */
    void settle() {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 0);
        inner.waiting(BARRIER_ACCOUNT, 0).thenCompose(Waiting::settled).toCompletableFuture().join();
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 0);
    }

    private <T> CompletionStage<T> tracked(CompletionStage<T> stage) {
        inFlight.incrementAndGet();
        CompletableFuture<T> handed = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            try {
                if (failure != null) {
                    handed.completeExceptionally(failure);
                } else {
                    handed.complete(value);
                }
            } finally {
                inFlight.decrementAndGet();
            }
        });
        return handed;
    }

    @Override
    public void open(Deliveries deliveries) {
        inner.open(deliveries);
    }

    @Override
    public CompletionStage<Void> create(StoredRequest request, long now) {
        return tracked(inner.create(request, now));
    }

    @Override
    public CompletionStage<RequestFacts> facts(String uuid) {
        return tracked(inner.facts(uuid));
    }

    @Override
    public CompletionStage<Claim> claim(String uuid, String account, Family family, String replyFrame, String token,
                                        long now, long keepUntil) {
        return tracked(inner.claim(uuid, account, family, replyFrame, token, now, keepUntil));
    }

    @Override
    public CompletionStage<Attachment> attach(String uuid, String appConnection, long now) {
        return tracked(inner.attach(uuid, appConnection, now));
    }

    @Override
    public CompletionStage<Void> watch(String account) {
        return tracked(inner.watch(account));
    }

    @Override
    public void unwatch(String account) {
        inner.unwatch(account);
    }

    @Override
    public CompletionStage<Waiting> waiting(String account, long now) {
        return tracked(inner.waiting(account, now).thenApply(waiting ->
                new Waiting(waiting.requests(), tracked(waiting.settled()))));
    }

    @Override
    public void sweep(long now) {
        inner.sweep(now);
    }

    @Override
    public int requestCount() {
        return inner.requestCount();
    }

    @Override
    public boolean isAvailable() {
        return inner.isAvailable();
    }

    @Override
    public void close() {
        inner.close();
    }
}
