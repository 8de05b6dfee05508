package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class RequestRoutingTest {
    private final StoreKind kind;
    private final RelayFixture has;

    RequestRoutingTest(StoreKind kind) {
        this.kind = kind;
        this.has = new RelayFixture(kind);
    }

    @AfterEach
    void closeStores() {
        RelayFixture.closeAll();
    }

    @Test
    void anAuthReqIsAnsweredWithAuthWaitAndForwardedWithUuidExpireAndThePassThroughFields() {
        FakeConnection pksa = has.pksaFor("alice", has.alicePosting);
        FakeConnection app = has.open();
        has.send(app, "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2Fsd-data\","
                + "\"auth_key\":\"U2Fsd-key\",\"token\":\"tok-1\",\"uuid\":\"chosen-by-app\",\"expire\":1}");

        JsonNode wait = app.takeOne();
        assertThat(wait.toString()).isEqualTo("{\"cmd\":\"auth_wait\",\"uuid\":\"00000000-0000-4000-8000-000000000001\","
                + "\"expire\":" + (RelayFixture.START + 60_000) + ",\"account\":\"alice\"}");
        JsonNode forwarded = pksa.takeOne();
        assertThat(forwarded.get("cmd").asText()).isEqualTo("auth_req");
        assertThat(forwarded.get("account").asText()).isEqualTo("alice");
        assertThat(forwarded.get("data").asText()).isEqualTo("U2Fsd-data");
        assertThat(forwarded.get("auth_key").asText()).isEqualTo("U2Fsd-key");
        assertThat(forwarded.get("token").asText()).isEqualTo("tok-1");
        assertThat(forwarded.get("uuid").asText()).isEqualTo(wait.get("uuid").asText());
        assertThat(forwarded.get("expire").asLong()).isEqualTo(RelayFixture.START + 60_000);
    }

    @Test
    void registeringAgainOnTheSameSocketIsAckedButDoesNotSendWaitingRequestsTwice() {
        FakeConnection pksa = has.pksaFor("alice", has.alicePosting);
        FakeConnection app = has.open();
        String uuid = has.authRequest(app, "alice");
        assertThat(pksa.takeOne().get("uuid").asText()).isEqualTo(uuid);

        has.send(pksa, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                + has.registrationPok(has.alicePosting) + "\"}]}");
        assertThat(pksa.take()).extracting(JsonNode::toString)
                .containsExactly("{\"cmd\":\"register_ack\",\"account\":\"alice\"}");
    }

    @Test
    void aSecondPksaRegisteringLaterGetsARequestAlreadySentToTheFirst() {
        FakeConnection first = has.pksaFor("alice", has.alicePosting);
        FakeConnection app = has.open();
        String uuid = has.authRequest(app, "alice");
        first.take();
        FakeConnection second = has.open();
        has.send(second, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                + has.registrationPok(has.aliceMemo) + "\"}]}");
        assertThat(second.take()).extracting(m -> m.get("cmd").asText() + " " + m.path("uuid").asText(""))
                .containsExactly("register_ack ", "auth_req " + uuid);
    }

    @Test
    void waitsGoOutInTheOrderRequestsArrived() {
        FakeConnection app = has.open();
        has.send(app, "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"a\",\"token\":\"t\"}");
        has.send(app, "{\"cmd\":\"challenge_req\",\"account\":\"bob\",\"data\":\"b\"}");
        has.send(app, "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"c\"}");
        List<JsonNode> waits = app.take();
        assertThat(waits).extracting(w -> w.get("cmd").asText())
                .containsExactly("sign_wait", "challenge_wait", "auth_wait");
        assertThat(waits).extracting(w -> w.get("uuid").asText()).doesNotHaveDuplicates();
        assertThat(waits.get(0).has("account")).isFalse();
        assertThat(waits.get(0).get("expire").asLong()).isEqualTo(RelayFixture.START + 60_000);
    }

    @Test
    void requestsWaitForAPksaAndAreForwardedRightAfterItsRegisterAck() {
        FakeConnection app = has.open();
        String first = has.authRequest(app, "alice");
        has.send(app, "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"s\",\"token\":\"t\"}");
        String second = app.takeOne().get("uuid").asText();
        has.send(app, "{\"cmd\":\"challenge_req\",\"account\":\"bob\",\"data\":\"c\"}");
        app.take();

        FakeConnection pksa = has.open();
        has.send(pksa, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                + has.registrationPok(has.alicePosting) + "\"}]}");
        List<JsonNode> received = pksa.take();
        assertThat(received).extracting(m -> m.get("cmd").asText())
                .containsExactly("register_ack", "auth_req", "sign_req");
        assertThat(received.get(1).get("uuid").asText()).isEqualTo(first);
        assertThat(received.get(2).get("uuid").asText()).isEqualTo(second);
        assertThat(received.get(2).get("token").asText()).isEqualTo("t");
    }

    @Test
    void everyRegisteredPksaGetsTheRequest() {
        FakeConnection phone = has.pksaFor("alice", has.alicePosting);
        FakeConnection service = has.pksaFor("alice", has.aliceMemo);
        FakeConnection app = has.open();
        String uuid = has.authRequest(app, "alice");
        assertThat(phone.takeOne().get("uuid").asText()).isEqualTo(uuid);
        assertThat(service.takeOne().get("uuid").asText()).isEqualTo(uuid);
    }

    @Test
    void anInvalidAccountOrEmptyDataIsAnErrorAndNothingIsQueued() {
        FakeConnection app = has.open();
        has.send(app, "{\"cmd\":\"auth_req\",\"account\":\"Alice\",\"data\":\"x\"}");
        assertThat(app.takeOne().get("error").asText()).startsWith("auth_req: invalid account name \"Alice\": ");
        has.send(app, "{\"cmd\":\"sign_req\",\"account\":\"al\",\"data\":\"x\"}");
        assertThat(app.takeOne().get("error").asText()).startsWith("sign_req: invalid account name \"al\": ");
        has.send(app, "{\"cmd\":\"challenge_req\",\"account\":\"alice\",\"data\":\"\"}");
        assertThat(app.takeOne().get("error").asText()).isEqualTo("challenge_req: \"data\" must not be empty");
        assertThat(has.relay.store().requestCount()).isZero();
        assertThat(has.registry.get("has.requests").tag("outcome", "rejected").tag("type", "auth").counter().count())
                .isEqualTo(1);
    }

    @Test
    void anAppSocketMayHaveOnlySoManyPendingRequests() {
        RelayFixture limited = new RelayFixture(kind, false, Limits.DEFAULT.withMaxPendingPerSocket(2));
        FakeConnection app = limited.open();
        limited.authRequest(app, "alice");
        limited.authRequest(app, "alice");
        limited.send(app, "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"x\"}");
        assertThat(app.takeOne().get("error").asText())
                .isEqualTo("auth_req: this connection already has 2 pending requests, the limit");
    }

    @Test
    void answeredAndExpiredRequestsFreeTheirSlot() {
        RelayFixture limited = new RelayFixture(kind, false, Limits.DEFAULT.withMaxPendingPerSocket(1));
        FakeConnection pksa = limited.pksaFor("alice", limited.alicePosting);
        FakeConnection app = limited.open();
        String uuid = limited.authRequest(app, "alice");
        limited.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\""
                + limited.replyPok(limited.alicePosting, uuid) + "\"}");
        app.take();
        limited.authRequest(app, "alice");
        limited.clock.advance(java.time.Duration.ofSeconds(61));
        limited.relay.sweep();
        limited.authRequest(app, "alice");
    }
}
