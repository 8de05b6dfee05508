package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SPEC §10's replay guard. */
class NonceGuardTest {
    private final Auth fresh = new Auth("alice", "k", "app", Long.MAX_VALUE, null);
    private final Auth used = fresh.withNonce(1000);

    @Test
    void aNonceMustGrow() {
        assertThat(NonceGuard.refusal(fresh, 1L, true)).isEmpty();
        assertThat(NonceGuard.refusal(used, 1001L, true)).isEmpty();
        assertThat(NonceGuard.refusal(used, 1000L, true)).hasValueSatisfying(why -> assertThat(why).contains("replay"));
        assertThat(NonceGuard.refusal(used, 999L, false)).isPresent(); // a present nonce is always checked
        assertThat(NonceGuard.refusal(fresh, 0L, true)).isPresent();
    }

    @Test
    void aMissingNonceIsRefusedOnlyWhenRequired() {
        assertThat(NonceGuard.refusal(used, null, true)).hasValueSatisfying(why -> assertThat(why).contains("no nonce"));
        assertThat(NonceGuard.refusal(used, null, false)).isEmpty();
    }

    @Test
    void anAuthNeverShowsItsKey() {
        assertThat(new Auth("alice", "secret-auth-key", "app", 5, null).toString()).doesNotContain("secret-auth-key");
    }
}
