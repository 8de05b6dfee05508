package dev.hiveauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.protocol.chain.Authority;
import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.server.observe.MicrometerMetrics;
import dev.hiveauth.server.relay.AccountKeysBusyException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The lookups toward the Hive nodes on a clock the test moves: every call the fake node gets waits for the test. */
class HiveLookupsTest {
    private static final HiveLookupLimits LIMITS = new HiveLookupLimits(Duration.ofMillis(50), 2, 3, 10,
            Duration.ofSeconds(10));
    private static final PrivateKey KEY = PrivateKey.fromSeed("any key");

    private final List<Call> calls = new ArrayList<>();
    private final List<Wakeup> wakeups = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private long now = 1_000_000_000L;

    private HiveLookups lookups(HiveLookupLimits limits) {
        return new HiveLookups(names -> {
            Call call = new Call(List.copyOf(names), new CompletableFuture<>());
            calls.add(call);
            return call.answer;
        }, limits, () -> now, (nanos, task) -> wakeups.add(new Wakeup(now + nanos, task)),
                new MicrometerMetrics(registry, () -> 0, () -> 0));
    }

    /** Lookups refused as busy, as /metrics counts them. */
    private long refused() {
        return (long) registry.counter("has.hive.lookups.refused").count();
    }

    @Test
    void registrationsOfOneAccountWhileItIsLookedUp_shareTheOneCall() {
        HiveLookups lookups = lookups(LIMITS);
        CompletableFuture<HiveAccount> first = lookups.lookUp(Set.of("alice")).get("alice");
        CompletableFuture<HiveAccount> second = lookups.lookUp(Set.of("alice")).get("alice");

        assertThat(calls).hasSize(1);
        calls.get(0).answerWith("alice");
        assertThat(first.join().name()).isEqualTo("alice");
        assertThat(second.join().name()).isEqualTo("alice");
        assertThat(calls).as("the answer is the caller's to cache; a later lookup asks again").hasSize(1);
    }

    @Test
    void namesWaitingTogether_goInBatchesOfAtMostNamesPerCall_andAMissingAccountIsNull() {
        HiveLookups lookups = lookups(LIMITS);
        lookups.lookUp(Set.of("alice"));
        Map<String, CompletableFuture<HiveAccount>> waiting = lookups.lookUp(inOrder("bob", "carol", "dave", "erin"));
        assertThat(calls).as("the second call waits 50 ms after the first").hasSize(1);

        advance(Duration.ofMillis(50));
        advance(Duration.ofMillis(50));
        assertThat(calls).extracting(Call::names).containsExactly(List.of("alice"), List.of("bob", "carol", "dave"));
        calls.get(1).answerWith("bob", "dave");
        assertThat(waiting.get("bob").join().name()).isEqualTo("bob");
        assertThat(waiting.get("carol").join()).as("no such account").isNull();

        advance(Duration.ofMillis(50));
        assertThat(calls).extracting(Call::names).last().isEqualTo(List.of("erin"));
    }

    @Test
    void aFloodOfLookups_callsTheNodesNoMoreThanTheSpacingAllows() {
        HiveLookups lookups = lookups(new HiveLookupLimits(Duration.ofMillis(50), 4, 100, 100_000,
                Duration.ofSeconds(60)));
        List<CompletableFuture<HiveAccount>> answers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            answers.add(lookups.lookUp(Set.of("name" + i)).get("name" + i));
            calls.stream().filter(call -> !call.answer.isDone()).forEach(Call::answerNone); // a node answering at once
        }
        assertThat(calls).as("10,000 lookups at one instant").hasSize(1);

        for (int ms = 0; ms < 1_000; ms++) {
            advance(Duration.ofMillis(1));
            calls.stream().filter(call -> !call.answer.isDone()).forEach(Call::answerNone);
        }
        assertThat(calls).as("calls in one second at 50 ms spacing").hasSizeBetween(20, 21);
        assertThat(calls).allMatch(call -> call.names.size() <= 100);

        for (int ms = 0; ms < 5_000 && lookups.queued() > 0; ms++) {
            advance(Duration.ofMillis(1));
            calls.stream().filter(call -> !call.answer.isDone()).forEach(Call::answerNone);
        }
        assertThat(answers).as("every lookup answered: the account does not exist").allMatch(answer -> answer.isDone()
                && answer.join() == null);
        assertThat(calls).hasSize(100 + 1);
    }

    @Test
    void aNodeThatNeverAnswers_holdsNoMoreThanTheCallsInFlight() {
        HiveLookups lookups = lookups(LIMITS);
        for (int i = 0; i < 10; i++) {
            lookups.lookUp(Set.of("name" + i));
        }
        advance(Duration.ofSeconds(5));

        assertThat(calls).hasSize(2);
        assertThat(lookups.callsInFlight()).isEqualTo(2);
        assertThat(lookups.queued()).as("the first call went out with the first name alone").isEqualTo(10 - 1 - 3);
    }

    @Test
    void aLookupThatDoesNotFitInTheQueue_isRefusedAsBusy_withoutQueueingAnyOfItsNames_whileJoiningStillWorks() {
        HiveLookups lookups = lookups(new HiveLookupLimits(Duration.ofMillis(50), 1, 3, 5, Duration.ofSeconds(10)));
        lookups.lookUp(inOrder("a", "b", "c")); // out in the first call
        lookups.lookUp(inOrder("d", "e", "f", "g"));

        assertThatThrownBy(() -> lookups.lookUp(Set.of("h", "i"))).isInstanceOf(AccountKeysBusyException.class)
                .hasMessage("the server is busy checking accounts on chain, try again later");
        assertThat(lookups.queued()).isEqualTo(4);
        assertThat(refused()).isEqualTo(1);
        assertThat(lookups.lookUp(Set.of("d", "h"))).as("one new name fits").containsOnlyKeys("d", "h");
    }

    @Test
    void aLookupThatWaitedLongerThanTheLimit_isRefusedAsBusy_andCostsNoCall() {
        HiveLookups lookups = lookups(new HiveLookupLimits(Duration.ofMillis(50), 1, 3, 100, Duration.ofSeconds(10)));
        lookups.lookUp(Set.of("a"));
        CompletableFuture<HiveAccount> late = lookups.lookUp(Set.of("b")).get("b");
        advance(Duration.ofSeconds(11));

        calls.get(0).answerNone(); // the node answers the first call after 11 s
        assertThatThrownBy(late::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(AccountKeysBusyException.class);
        assertThat(calls).hasSize(1);
        assertThat(refused()).isEqualTo(1);
    }

    @Test
    void aFailedCall_failsEachOfItsNames_andTheNextLookupCallsAgain() {
        HiveLookups lookups = lookups(LIMITS);
        CompletableFuture<HiveAccount> first = lookups.lookUp(Set.of("alice")).get("alice");
        calls.get(0).answer.completeExceptionally(new IllegalStateException("every node is down"));
        assertThatThrownBy(first::join).hasMessageContaining("every node is down");

        advance(Duration.ofMillis(50));
        lookups.lookUp(Set.of("alice"));
        assertThat(calls).hasSize(2);
        assertThat(lookups.callsInFlight()).isEqualTo(1);
    }

    private static Set<String> inOrder(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    /** Moves the clock, running each wakeup that falls due on the way, in time order. */
    private void advance(Duration by) {
        long until = now + by.toNanos();
        while (true) {
            Wakeup next = wakeups.stream().min(Comparator.comparingLong(Wakeup::dueNanos)).orElse(null);
            if (next == null || next.dueNanos > until) {
                break;
            }
            wakeups.remove(next);
            now = Math.max(now, next.dueNanos);
            next.task.run();
        }
        now = until;
    }

    private record Wakeup(long dueNanos, Runnable task) {
    }

    private record Call(List<String> names, CompletableFuture<List<HiveAccount>> answer) {
        void answerWith(String... existing) {
            answer.complete(List.of(existing).stream().map(name -> new HiveAccount(name, Authority.ofKey(KEY.publicKey()),
                    Authority.ofKey(KEY.publicKey()), Authority.ofKey(KEY.publicKey()), KEY.publicKey())).toList());
        }

        void answerNone() {
            answer.complete(List.of());
        }
    }
}
