package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * One client address cannot take everyone's share: its waiting requests and its wallets' registrations have limits
 * of their own, below the server's, counted over all its connections and surviving their reconnections.
 */
class AddressSharesTest {
    private final RelayFixture has = new RelayFixture(false, Limits.DEFAULT, new AddressLimits(100, 3, 1));

    @Test
    void anAddressMayHaveItsShareOfWaitingRequests_overAllItsSockets_andOthersAreServed() {
        FakeConnection first = has.open("198.51.100.7");
        FakeConnection second = has.open("198.51.100.7");
        has.authRequest(first, "alice");
        has.authRequest(first, "alice");
        has.authRequest(second, "alice");

        has.send(second, "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"x\"}");
        assertThat(second.takeOne().get("error").asText()).isEqualTo("auth_req: this address already has 3 requests "
                + "waiting, the limit for one address; try again later");
        has.authRequest(has.open("203.0.113.9"), "alice");
    }

    @Test
    void reconnectingDoesNotResetAnAddressesShare_andExpiryGivesItBack() {
        FakeConnection app = has.open("198.51.100.7");
        for (int i = 0; i < 3; i++) {
            has.authRequest(app, "alice");
        }
        has.relay.onClose(app); // its requests wait on, for attach

        FakeConnection again = has.open("198.51.100.7");
        has.send(again, "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"x\"}");
        assertThat(again.takeOne().get("error").asText()).contains("this address already has 3 requests waiting");

        has.clock.advance(java.time.Duration.ofSeconds(61));
        has.relay.sweep();
        has.authRequest(again, "alice");
    }

    @Test
    void anAddressesWalletsMayHoldItsShareOfRegistrations() {
        FakeConnection wallet = has.pksaFor("alice", has.alicePosting);
        has.send(wallet, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"bob\",\"pok\":\""
                + has.registrationPok(has.bobPosting) + "\"}]}");
        List<JsonNode> replies = wallet.take();
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).get("error").asText()).isEqualTo("registration failed: bob (this address holds 1 "
                + "registrations, the limit for one address, try again later)");

        has.relay.onClose(wallet);
        FakeConnection next = has.open();
        has.send(next, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"bob\",\"pok\":\""
                + has.registrationPok(has.bobPosting) + "\"}]}");
        assertThat(next.takeOne().toString()).as("the closed wallet gave its registration back")
                .isEqualTo("{\"cmd\":\"register_ack\",\"account\":\"bob\"}");
    }

    @Test
    void anAddressMayHaveAsManyNamesLookedUpAtOnceAsOneWalletMayRegister_andGetsThemBackWhenTheLookupEnds() {
        RelayFixture small = new RelayFixture(false, Limits.DEFAULT.withMaxAccountsPerSocket(2),
                new AddressLimits(100, 100, 100));
        CompletableFuture<Map<String, Set<PublicKey>>> chainAnswer = new CompletableFuture<>();
        small.accountKeys = accounts -> chainAnswer; // the Hive node takes its time
        FakeConnection first = small.open("198.51.100.7");
        small.send(first, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"alice\",\"pok\":\"p\"},"
                + "{\"name\":\"bob\",\"pok\":\"p\"}]}");
        FakeConnection second = small.open("198.51.100.7");
        small.send(second, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"carol\",\"pok\":\"p\"}]}");
        assertThat(second.takeOne().get("error").asText()).isEqualTo("registration failed: carol (this address has 2 "
                + "accounts being checked on chain, the limit for one address, try again later)");
        FakeConnection elsewhere = small.open("203.0.113.9");
        small.send(elsewhere, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"carol\",\"pok\":\"p\"}]}");
        assertThat(elsewhere.take()).as("another address waits for the chain too").isEmpty();

        chainAnswer.complete(Map.of());
        assertThat(first.takeOne().get("error").asText()).contains("alice (no such account)");
        small.send(second, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"carol\",\"pok\":\"p\"}]}");
        assertThat(second.takeOne().get("error").asText()).isEqualTo("registration failed: carol (no such account)");
    }

    @Test
    void aLookupRefusedAsBusy_tellsTheWalletToTryAgain() {
        has.accountKeys = accounts -> CompletableFuture.failedFuture(
                new AccountKeysBusyException("the server is busy checking accounts on chain, try again later"));
        FakeConnection wallet = has.open();
        has.send(wallet, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                + has.registrationPok(has.alicePosting) + "\"}]}");
        assertThat(wallet.takeOne().get("error").asText()).isEqualTo("registration failed: alice (the server is busy "
                + "checking accounts on chain, try again later)");
    }
}
