package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Memory stays bounded whatever peers send: the server-wide caps on requests, bytes and registrations. */
class GlobalLimitsTest {

    @Test
    void newRequestsAreRefusedOnceTheServerHoldsItsMaximumAndAcceptedAgainWhenTheyExpire() {
        RelayFixture has = new RelayFixture(false, Limits.DEFAULT.withPendingTotal(2, 1024 * 1024));
        FakeConnection first = has.open();
        FakeConnection second = has.open();
        has.authRequest(first, "alice");
        has.relay.onClose(first); // its request stays, for attach
        has.authRequest(second, "alice");
        has.send(second, "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"x\"}");
        assertThat(second.takeOne().get("error").asText())
                .isEqualTo("auth_req: the server is busy (2 requests waiting), try again later");

        has.clock.advance(Duration.ofSeconds(60));
        has.relay.sweep();
        has.authRequest(second, "alice");
    }

    @Test
    void answeredRequestsKeptForAttachNeverCrowdOutNewRequests() {
        RelayFixture has = new RelayFixture(false, Limits.DEFAULT.withPendingTotal(2, 1024 * 1024));
        FakeConnection pksa = has.pksaFor("alice", has.alicePosting);
        FakeConnection app = has.open();
        for (int i = 0; i < 5; i++) {
            String uuid = has.authRequest(app, "alice");
            has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\""
                    + has.replyPok(has.alicePosting, uuid) + "\"}");
            assertThat(app.takeOne().get("cmd").asText()).isEqualTo("auth_ack");
        }
        assertThat(has.relay.store().requestCount()).as("all five kept for attach").isEqualTo(5);
    }

    @Test
    void requestsAreRefusedWhenTheirFramesWouldPassTheByteBudget() {
        RelayFixture has = new RelayFixture(false, Limits.DEFAULT.withMaxFrameBytes(1000).withPendingTotal(100, 1000));
        FakeConnection app = has.open();
        FakeConnection other = has.open(); // the budget is the server's: another socket's request counts too
        String big = "x".repeat(600);
        has.send(app, "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"" + big + "\"}");
        assertThat(app.takeOne().get("cmd").asText()).isEqualTo("sign_wait");
        has.send(other, "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"" + big + "\"}");
        assertThat(other.takeOne().get("error").asText())
                .isEqualTo("sign_req: the server is busy (waiting requests hold 1000 bytes), try again later");
    }

    @Test
    void aReplyThatDoesNotFitIsStillRelayedButNotKeptForAttach() {
        RelayFixture has = new RelayFixture(false, Limits.DEFAULT.withMaxFrameBytes(1000).withPendingTotal(100, 1000));
        FakeConnection pksa = has.pksaFor("alice", has.alicePosting);
        FakeConnection app = has.open();
        String uuid = has.authRequest(app, "alice");
        pksa.take();
        String data = "y".repeat(900);
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"" + data + "\",\"pok\":\""
                + has.replyPok(has.alicePosting, uuid) + "\"}");
        assertThat(app.takeOne().get("data").asText()).isEqualTo(data);

        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\""
                + has.replyPok(has.alicePosting, uuid) + "\"}");
        assertThat(pksa.takeOne().get("error").asText()).isEqualTo("auth_ack: request already answered");
        has.send(app, "{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        assertThat(app.takeOne().get("cmd").asText()).isEqualTo("attach_nack");
    }

    @Test
    void registrationsStopAtTheServerWideMaximum() {
        RelayFixture has = new RelayFixture(false, Limits.DEFAULT.withMaxRegistrationsTotal(1));
        has.pksaFor("alice", has.alicePosting);
        FakeConnection other = has.open();
        has.send(other, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"bob\",\"pok\":\""
                + has.registrationPok(has.bobPosting) + "\"}]}");
        assertThat(other.takeOne().get("error").asText())
                .isEqualTo("registration failed: bob (the server holds 1 registrations, its limit, try again later)");
    }

    @Test
    void theLastEighthOfTheByteBudgetIsKeptForConnectionsThatHoldLittle() {
        RelayFixture has = new RelayFixture(false, Limits.DEFAULT.withMaxFrameBytes(20_000)
                .withPendingTotal(1_000, 128_000));
        FakeConnection greedy = has.open();
        String large = "x".repeat(15_000);
        for (int i = 0; i < 7; i++) { // 7 × ~15.1 KB: just under 112,000 bytes, seven eighths of the budget
            has.send(greedy, "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"" + large + "\"}");
            assertThat(greedy.takeOne().get("cmd").asText()).isEqualTo("sign_wait");
        }
        FakeConnection alsoGreedy = has.open();
        has.send(alsoGreedy, "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"" + large + "\"}");
        assertThat(alsoGreedy.takeOne().get("error").asText()).as("a large request is no light one")
                .isEqualTo("sign_req: the server is busy (waiting requests hold most of its 128000 bytes; the rest is "
                        + "kept for connections holding less than 1000), try again later");

        FakeConnection ordinary = has.open();
        has.authRequest(ordinary, "alice");
        has.authRequest(ordinary, "bob");
    }
}
