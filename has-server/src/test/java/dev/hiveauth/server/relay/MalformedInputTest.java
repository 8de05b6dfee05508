package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MalformedInputTest {
    private final RelayFixture has = new RelayFixture();
    private final FakeConnection peer = has.open();

    private String errorFor(String frame) {
        has.send(peer, frame);
        return peer.takeOne().get("error").asText();
    }

    @Test
    void theKeychainExtensionsPingFrameIsIgnoredSilently() {
        has.send(peer, "ping");
        assertThat(peer.take()).isEmpty();
        assertThat(peer.isOpen()).isTrue();
    }

    @Test
    void everyMalformedFrameGetsAPreciseErrorAndTheSocketStaysOpen() {
        assertThat(errorFor("hello")).isEqualTo("message is not valid JSON");
        assertThat(errorFor("[1,2]")).isEqualTo("message must be a JSON object");
        assertThat(errorFor("{\"account\":\"alice\"}")).isEqualTo("message has no \"cmd\"");
        assertThat(errorFor("{\"cmd\":7}")).isEqualTo("\"cmd\" must be a string");
        assertThat(errorFor("{\"cmd\":\"launch\"}")).isEqualTo("unknown cmd \"launch\"");
        assertThat(errorFor("{\"cmd\":\"\\u0000\\n\"}")).isEqualTo("unknown cmd \"\\u0000\\u000a\"");
        assertThat(errorFor("{\"cmd\":\"auth_req\",\"data\":\"x\"}")).isEqualTo("auth_req: \"account\" is required");
        assertThat(errorFor("{\"cmd\":\"auth_req\",\"account\":5,\"data\":\"x\"}"))
                .isEqualTo("auth_req: \"account\" must be a string");
        assertThat(errorFor("{\"cmd\":\"attach_req\"}")).isEqualTo("attach_req: \"uuid\" is required");
        assertThat(peer.isOpen()).isTrue();
        assertThat(has.relay.store().requestCount()).isZero();
    }

    @Test
    void whatTheServerSendsIsRefusedFromPeers() {
        assertThat(errorFor("{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"x\",\"protocol\":1}"))
                .isEqualTo("connected is sent by the HAS, not to it");
        assertThat(errorFor("{\"cmd\":\"key_ack\",\"key\":\"STM1\"}")).isEqualTo("key_ack is sent by the HAS, not to it");
        assertThat(errorFor("{\"cmd\":\"register_ack\",\"account\":\"alice\"}"))
                .isEqualTo("register_ack is sent by the HAS, not to it");
        assertThat(errorFor("{\"cmd\":\"attach_nack\",\"uuid\":\"u\"}")).isEqualTo("attach_nack is sent by the HAS, not to it");
    }

    @Test
    void aPksasBareWaitsAndErrorsAreAcceptedAndIgnored() {
        has.send(peer, "{\"cmd\":\"auth_wait\"}");
        has.send(peer, "{\"cmd\":\"sign_wait\"}");
        has.send(peer, "{\"cmd\":\"error\",\"error\":\"Failed to process\"}");
        assertThat(peer.take()).isEmpty();
    }

    @Test
    void aMalformedErrorIsNotAnsweredWithAnotherErrorSoTwoPeersCannotBounceErrorsForever() {
        has.send(peer, "{\"cmd\":\"error\"}");
        has.send(peer, "{\"cmd\":\"error\",\"error\":42}");
        assertThat(peer.take()).isEmpty();
    }

    @Test
    void binaryFramesAreAnError() {
        has.relay.onBinary(peer, 10);
        assertThat(peer.takeOne().get("error").asText())
                .isEqualTo("binary frames are not part of the protocol: send JSON in text frames");
    }

    @Test
    void aSocketOverItsRateGetsErrorsAndIsClosedIfItKeepsGoing() {
        RelayFixture limited = new RelayFixture(false, Limits.DEFAULT.withRate(1, 3).withAbuseBudget(2));
        FakeConnection flooder = limited.open();
        for (int i = 0; i < 3; i++) {
            limited.send(flooder, "ping");
        }
        assertThat(flooder.take()).isEmpty();
        limited.send(flooder, "ping");
        assertThat(flooder.takeOne().get("error").asText()).isEqualTo("rate limit exceeded: at most 1.0 messages per second");
        limited.send(flooder, "ping");
        assertThat(flooder.takeOne().get("error").asText()).startsWith("rate limit exceeded");
        assertThat(flooder.closeCode()).isZero();
        limited.send(flooder, "ping");
        assertThat(flooder.closeCode()).isEqualTo(1008);

        FakeConnection app = limited.open();
        for (int i = 0; i < 4; i++) {
            limited.send(app, "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"x\"}");
        }
        assertThat(limited.registry.get("has.requests").tag("type", "auth").tag("outcome", "rejected").counter().count())
                .as("a request refused for rate counts as rejected, like any refused request").isEqualTo(1);

        FakeConnection patient = limited.open();
        limited.send(patient, "ping");
        limited.clock.advance(java.time.Duration.ofSeconds(1));
        limited.send(patient, "ping");
        assertThat(patient.take()).isEmpty();
    }
}
