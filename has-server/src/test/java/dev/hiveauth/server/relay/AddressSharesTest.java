package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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
                + "registrations, the limit for one address; try again later)");

        has.relay.onClose(wallet);
        FakeConnection next = has.open();
        has.send(next, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"bob\",\"pok\":\""
                + has.registrationPok(has.bobPosting) + "\"}]}");
        assertThat(next.takeOne().toString()).as("the closed wallet gave its registration back")
                .isEqualTo("{\"cmd\":\"register_ack\",\"account\":\"bob\"}");
    }
}
