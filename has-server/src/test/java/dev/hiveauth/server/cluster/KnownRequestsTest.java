package dev.hiveauth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownRequestsTest {
    private static final long NOW = 1_800_000_000_000L;

    private final KnownRequests<String> known = new KnownRequests<>();

    @Test
    void anEntryIsKeptUntilItsTimeAndForgottenByTheFirstSweepAfter() {
        known.add("u1", "alice", NOW + 60_000);
        known.add("u2", "bob", NOW + 30_000);

        known.sweep(NOW + 29_999);
        assertThat(known.get("u2")).isEqualTo("bob");
        known.sweep(NOW + 30_000);
        assertThat(known.get("u2")).isNull();
        assertThat(known.get("u1")).isEqualTo("alice");
        known.sweep(NOW + 60_000);
        assertThat(known.size()).isZero();
    }

    @Test
    void aUuidKnownAlreadyIsNotAddedAgain() {
        assertThat(known.add("u1", "alice", NOW + 60_000)).isTrue();
        assertThat(known.add("u1", "mallory", NOW + 90_000)).isFalse();
        assertThat(known.get("u1")).isEqualTo("alice");
    }

    @Test
    void aNewerValueReplacesTheOldAndKeepsItsOwnLaterTime() {
        known.add("u1", "1", NOW + 10_000);
        assertThat(known.addIfNewer("u1", "2", NOW + 70_000, (fresh, old) -> fresh.compareTo(old) > 0)).isTrue();
        assertThat(known.addIfNewer("u1", "0", NOW + 90_000, (fresh, old) -> fresh.compareTo(old) > 0)).isFalse();

        known.sweep(NOW + 10_000);
        assertThat(known.get("u1")).as("kept to its new time, not the first").isEqualTo("2");
        known.sweep(NOW + 70_000);
        assertThat(known.get("u1")).isNull();
    }

    @Test
    void anEntryAddedPastItsTimeIsForgottenByALaterSweep() {
        known.sweep(NOW);
        known.add("late", "alice", NOW - 5_000); // a catch-up offered it at its last moment

        known.sweep(NOW + 999);
        known.sweep(NOW + 1_000);
        assertThat(known.get("late")).isNull();
        assertThat(known.size()).isZero();
    }

    @Test
    void aRemovedUuidAddedAgainLivesByItsNewTime() {
        known.add("u1", "alice", NOW + 5_000);
        known.remove("u1");
        known.add("u1", "alice again", NOW + 50_000);

        known.sweep(NOW + 5_000);
        assertThat(known.get("u1")).isEqualTo("alice again");
        known.sweep(NOW + 50_000);
        assertThat(known.get("u1")).isNull();
    }
}
