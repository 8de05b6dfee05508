package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class AttachAndExpiryTest {
    private final StoreKind kind;
    private final RelayFixture has;
    private final FakeConnection pksa;

    AttachAndExpiryTest(StoreKind kind) {
        this.kind = kind;
        this.has = new RelayFixture(kind);
        this.pksa = has.pksaFor("alice", has.alicePosting);
    }

    @AfterEach
    void closeStores() {
        RelayFixture.closeAll();
    }

    private void ack(String uuid) {
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\""
                + has.replyPok(has.alicePosting, uuid) + "\"}");
    }

    @Test
    void aReplyForAnAppThatLeftIsKeptAndDeliveredAfterAttachAck() {
        FakeConnection app = has.open();
        String uuid = has.authRequest(app, "alice");
        has.relay.onClose(app);
        ack(uuid);
        assertThat(pksa.take()).extracting(m -> m.get("cmd").asText()).containsExactly("auth_req");

        FakeConnection back = has.open();
        has.send(back, "{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        List<JsonNode> received = back.take();
        assertThat(received).extracting(JsonNode::toString).containsExactly(
                "{\"cmd\":\"attach_ack\",\"uuid\":\"" + uuid + "\"}",
                "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\"}");
    }

    @Test
    void attachingToAPendingRequestMovesItsReplyToTheNewSocket() {
        FakeConnection app = has.open();
        String uuid = has.authRequest(app, "alice");
        has.relay.onClose(app);
        FakeConnection back = has.open();
        has.send(back, "{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        assertThat(back.takeOne().toString()).isEqualTo("{\"cmd\":\"attach_ack\",\"uuid\":\"" + uuid + "\"}");
        ack(uuid);
        assertThat(back.takeOne().get("cmd").asText()).isEqualTo("auth_ack");
    }

    @Test
    void attachToAnUnknownRequestIsNacked() {
        FakeConnection app = has.open();
        has.send(app, "{\"cmd\":\"attach_req\",\"uuid\":\"9b0e2dc3-f574-4766-abdd-c429dce11284\"}");
        assertThat(app.takeOne().toString())
                .isEqualTo("{\"cmd\":\"attach_nack\",\"uuid\":\"9b0e2dc3-f574-4766-abdd-c429dce11284\"}");
    }

    @Test
    void aRequestExpiresSilentlyAndCannotBeAnsweredOrAttachedAfterwards() {
        FakeConnection app = has.open();
        String uuid = has.authRequest(app, "alice");
        pksa.take();
        has.clock.advance(Duration.ofMillis(59_999));
        has.send(app, "{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        assertThat(app.takeOne().get("cmd").asText()).isEqualTo("attach_ack");

        has.clock.advance(Duration.ofMillis(1));
        has.send(app, "{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        assertThat(app.takeOne().get("cmd").asText()).isEqualTo("attach_nack");
        ack(uuid);
        assertThat(pksa.takeOne().get("error").asText()).isEqualTo("auth_ack: unknown or expired request");

        has.relay.sweep();
        assertThat(has.relay.store().requestCount()).isZero();
        assertThat(app.take()).isEmpty();
        assertThat(has.registry.get("has.requests").tag("outcome", "expired").counter().count()).isEqualTo(1);
    }

    @Test
    void anExpiredRequestIsNotForwardedToAPksaThatRegistersLater() {
        FakeConnection app = has.open();
        has.authRequest(app, "bob");
        has.clock.advance(Duration.ofSeconds(61));
        FakeConnection late = has.pksaFor("bob", has.bobPosting);
        assertThat(late.take()).isEmpty();
    }

    /** SPEC §5 forwards only what still waits; §7 keeps the reply for attach: an answer leaves one, not the other. */
    @Test
    void anAnsweredRequestIsNotForwardedToAPksaThatRegistersLater_yetItsReplyIsStillThereForAttach() {
        FakeConnection app = has.open();
        String uuid = has.authRequest(app, "alice");
        has.relay.onClose(app);
        ack(uuid);
        pksa.take();

        FakeConnection late = has.open();
        has.send(late, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                + has.registrationPok(has.aliceMemo) + "\"}]}");
        assertThat(late.take()).extracting(JsonNode::toString)
                .containsExactly("{\"cmd\":\"register_ack\",\"account\":\"alice\"}");

        FakeConnection back = has.open();
        has.send(back, "{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        assertThat(back.take()).extracting(m -> m.get("cmd").asText()).containsExactly("attach_ack", "auth_ack");
    }

    @Test
    void aStoredReplyIsKeptForOneTimeoutPeriodThenForgotten() {
        FakeConnection app = has.open();
        String uuid = has.authRequest(app, "alice");
        has.clock.advance(Duration.ofSeconds(50));
        has.relay.onClose(app);
        ack(uuid);
        has.clock.advance(Duration.ofSeconds(59));
        has.relay.sweep();
        FakeConnection back = has.open();
        has.send(back, "{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        assertThat(back.take()).extracting(m -> m.get("cmd").asText()).containsExactly("attach_ack", "auth_ack");

        has.clock.advance(Duration.ofSeconds(2));
        has.relay.sweep();
        has.send(back, "{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        assertThat(back.takeOne().get("cmd").asText()).isEqualTo("attach_nack");
        ack(uuid);
        assertThat(pksa.take()).extracting(m -> m.path("error").asText())
                .containsExactly("", "auth_ack: unknown or expired request"); // the forwarded request, then the refusal
    }
}
