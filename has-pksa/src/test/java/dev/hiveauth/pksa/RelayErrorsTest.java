package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.pksa.RelayErrors.ReplyFate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the wallet reads a relay's errors: this project's relay's words, and anything else as something that may pass. */
class RelayErrorsTest {

    @Test
    void aRegistrationErrorNamesEachAccountWithItsReason() {
        assertThat(RelayErrors.refusedAccounts("registration failed: bob (no such account); carol (pok timestamp is "
                + "12.5 s away from server time (behind)); alice (cannot check the account on chain now)"))
                .containsExactly(
                        Map.entry("bob", "no such account"),
                        Map.entry("carol", "pok timestamp is 12.5 s away from server time (behind)"),
                        Map.entry("alice", "cannot check the account on chain now"));
        assertThat(RelayErrors.refusedAccounts("rate limit exceeded")).isEmpty();
        assertThat(RelayErrors.refusedAccounts("registration failed: something we cannot read")).isEmpty();
    }

    @Test
    void reasonsThatPassAreToldFromReasonsThatStand() {
        assertThat(RelayErrors.isPassing("cannot check the account on chain now")).isTrue();
        assertThat(RelayErrors.isPassing("the server holds 1000000 registrations, its limit, try again later"))
                .isTrue();
        assertThat(RelayErrors.isPassing("pok timestamp is 12.5 s away from server time (behind)")).isTrue();
        assertThat(RelayErrors.isPassing("no answer from the relay within 30 s")).isTrue();
        assertThat(RelayErrors.refusedAccounts("registration failed: alice (the server is busy checking accounts on "
                + "chain, try again later); bob (this address has 1000 accounts being checked on chain, the limit for "
                + "one address, try again later)").values()).allMatch(RelayErrors::isPassing).hasSize(2);
        assertThat(RelayErrors.isPassing("words this wallet has never seen")).isTrue();

        assertThat(RelayErrors.isPassing("no such account")).isFalse();
        assertThat(RelayErrors.isPassing("invalid account name: too short")).isFalse();
        assertThat(RelayErrors.isPassing("pok was made with a key that is not one of the account's keys")).isFalse();
        assertThat(RelayErrors.isPassing("pok does not decrypt with the server key")).isFalse();
        assertThat(RelayErrors.isPassing("this connection already registered 1000 accounts, the limit")).isFalse();
    }

    @Test
    void whatBecomesOfARefusedReply() {
        assertThat(RelayErrors.replyFate("auth_ack: request already answered")).isEqualTo(ReplyFate.SETTLED);
        assertThat(RelayErrors.replyFate("sign_ack: unknown or expired request")).isEqualTo(ReplyFate.SETTLED);
        assertThat(RelayErrors.replyFate("auth_ack: this connection has not registered alice"))
                .isEqualTo(ReplyFate.AFTER_REGISTRATION);
        assertThat(RelayErrors.replyFate("auth_ack: rate limit exceeded: at most 50.0 messages per second"))
                .isEqualTo(ReplyFate.RETRY);
        assertThat(RelayErrors.replyFate("auth_ack: cannot check the pok against alice's keys now"))
                .isEqualTo(ReplyFate.RETRY);
        assertThat(RelayErrors.replyFate("auth_ack: internal server error")).isEqualTo(ReplyFate.RETRY);
        assertThat(RelayErrors.replyFate("auth_ack: pok was made with a key that is not one of the account's keys"))
                .isEqualTo(ReplyFate.REFUSED);
        assertThat(RelayErrors.replyFate("sign_ack: request u-1 is a auth_req, not a sign_req"))
                .isEqualTo(ReplyFate.REFUSED);
    }
}
