package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class ReplyRelayTest {
    private final StoreKind kind;
    private final RelayFixture has;
    private final FakeConnection pksa;
    private final FakeConnection app;

    ReplyRelayTest(StoreKind kind) {
        this.kind = kind;
        this.has = new RelayFixture(kind);
        this.pksa = has.pksaFor("alice", has.alicePosting);
        this.app = has.open();
    }

    @AfterEach
    void closeStores() {
        RelayFixture.closeAll();
    }

    private String pendingAuth() {
        String uuid = has.authRequest(app, "alice");
        pksa.take();
        return uuid;
    }

    private String pok(String uuid) {
        return has.replyPok(has.alicePosting, uuid);
    }

    @Test
    void anAuthAckWithAValidPokReachesTheAppWithoutThePok() {
        String uuid = pendingAuth();
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"U2Fsd-ack\",\"pok\":\"" + pok(uuid)
                + "\",\"extra\":1}");
        assertThat(app.takeOne().toString())
                .isEqualTo("{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"U2Fsd-ack\"}");
        assertThat(pksa.take()).isEmpty();
        assertThat(has.registry.get("has.requests").tag("type", "auth").tag("outcome", "approved").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aPokFromAnyOfTheAccountsKeysWorksEvenAnotherThanTheRegistrationKey() {
        String uuid = pendingAuth();
        has.send(pksa, "{\"cmd\":\"auth_nack\",\"uuid\":\"" + uuid + "\",\"data\":\"U2Fsd-uuid\",\"pok\":\""
                + has.replyPok(has.aliceMemo, uuid) + "\"}");
        assertThat(app.takeOne().toString())
                .isEqualTo("{\"cmd\":\"auth_nack\",\"uuid\":\"" + uuid + "\",\"data\":\"U2Fsd-uuid\"}");
    }

    @Test
    void signAcksKeepBroadcastAndTheirPlainData() {
        has.send(app, "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"x\"}");
        String uuid = app.takeOne().get("uuid").asText();
        has.send(pksa, "{\"cmd\":\"sign_ack\",\"uuid\":\"" + uuid + "\",\"broadcast\":true,\"data\":\"abc123\",\"pok\":\""
                + pok(uuid) + "\"}");
        assertThat(app.takeOne().toString())
                .isEqualTo("{\"cmd\":\"sign_ack\",\"uuid\":\"" + uuid + "\",\"broadcast\":true,\"data\":\"abc123\"}");

        has.send(app, "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"x\"}");
        String signOnly = app.takeOne().get("uuid").asText();
        has.send(pksa, "{\"cmd\":\"sign_ack\",\"uuid\":\"" + signOnly + "\",\"data\":{\"ref_block_num\":1,"
                + "\"signatures\":[\"1f\"]},\"pok\":\"" + pok(signOnly) + "\"}");
        assertThat(app.takeOne().toString()).isEqualTo("{\"cmd\":\"sign_ack\",\"uuid\":\"" + signOnly
                + "\",\"data\":{\"ref_block_num\":1,\"signatures\":[\"1f\"]}}");
    }

    @Test
    void errorsAndKeychainStyleNacksAreRelayedWithTheirDocumentedFields() {
        has.send(app, "{\"cmd\":\"challenge_req\",\"account\":\"alice\",\"data\":\"x\"}");
        String challenge = app.takeOne().get("uuid").asText();
        has.send(pksa, "{\"cmd\":\"challenge_err\",\"uuid\":\"" + challenge + "\",\"error\":\"U2Fsd-err\",\"pok\":\""
                + pok(challenge) + "\"}");
        assertThat(app.takeOne().toString())
                .isEqualTo("{\"cmd\":\"challenge_err\",\"uuid\":\"" + challenge + "\",\"error\":\"U2Fsd-err\"}");

        has.send(app, "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"x\",\"token\":\"t\"}");
        String sign = app.takeOne().get("uuid").asText();
        has.send(pksa, "{\"cmd\":\"sign_nack\",\"uuid\":\"" + sign + "\",\"error\":\"Request was canceled by the user\"}");
        assertThat(app.takeOne().toString()).isEqualTo("{\"cmd\":\"sign_nack\",\"uuid\":\"" + sign
                + "\",\"error\":\"Request was canceled by the user\"}");
    }

    @Test
    void aReplyForAnUnknownUuidIsAnError() {
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"nope\",\"data\":\"d\",\"pok\":\"" + pok("nope") + "\"}");
        JsonNode error = pksa.takeOne();
        assertThat(error.get("error").asText()).isEqualTo("auth_ack: unknown or expired request");
        assertThat(error.get("uuid").asText()).isEqualTo("nope");
        assertThat(app.take()).isEmpty();
    }

    @Test
    void aReplyOfTheWrongFamilyIsRefused() {
        String uuid = pendingAuth();
        has.send(pksa, "{\"cmd\":\"sign_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"tx\",\"pok\":\"" + pok(uuid) + "\"}");
        assertThat(pksa.takeOne().get("error").asText())
                .isEqualTo("sign_ack: request " + uuid + " is a auth_req, not a sign_req");
        assertThat(app.take()).isEmpty();
    }

    @Test
    void aReplyFromASocketThatDidNotRegisterTheAccountIsRefusedEvenWithAValidPok() {
        String uuid = pendingAuth();
        FakeConnection intruder = has.pksaFor("bob", has.bobPosting);
        has.send(intruder, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\"" + pok(uuid) + "\"}");
        assertThat(intruder.takeOne().get("error").asText())
                .isEqualTo("auth_ack: this connection has not registered alice");
        assertThat(app.take()).isEmpty();
    }

    @Test
    void aWrongPokIsAlwaysRefusedAndNeverRelayed() {
        String uuid = pendingAuth();
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\""
                + has.replyPok(has.bobPosting, uuid) + "\"}");
        assertThat(pksa.takeOne().get("error").asText())
                .isEqualTo("auth_ack: pok was made with a key that is not one of the account's keys");
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\""
                + pok("another-uuid") + "\"}");
        assertThat(pksa.takeOne().get("error").asText()).isEqualTo("auth_ack: pok does not match the request uuid");
        String forOtherServer = ProofOfKey.forReply(has.alicePosting, PrivateKey.fromSeed("x").publicKey(), uuid);
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\"" + forOtherServer + "\"}");
        assertThat(pksa.takeOne().get("error").asText()).isEqualTo("auth_ack: pok is not addressed to this server");
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\"garbage\"}");
        assertThat(pksa.takeOne().get("error").asText()).startsWith("auth_ack: pok is not a memo");
        assertThat(app.take()).isEmpty();
        assertThat(has.registry.get("has.pok.failures").tag("stage", "reply").counter().count()).isEqualTo(4);

        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\"" + pok(uuid) + "\"}");
        assertThat(app.takeOne().get("cmd").asText()).isEqualTo("auth_ack");
    }

    @Test
    void compatModeAcceptsAReplyWithoutPokFromTheRegisteredSocket() {
        String uuid = pendingAuth();
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\"}");
        assertThat(app.takeOne().get("cmd").asText()).isEqualTo("auth_ack");
    }

    @Test
    void strictModeRefusesAReplyWithoutPok() {
        RelayFixture strict = new RelayFixture(kind, true, Limits.DEFAULT);
        FakeConnection strictPksa = strict.pksaFor("alice", strict.alicePosting);
        FakeConnection strictApp = strict.open();
        String uuid = strict.authRequest(strictApp, "alice");
        strictPksa.take();
        strict.send(strictPksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\"}");
        assertThat(strictPksa.takeOne().get("error").asText()).isEqualTo("auth_ack: \"pok\" is required");
        assertThat(strictApp.take()).isEmpty();
        strict.send(strictPksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\""
                + strict.replyPok(strict.alicePosting, uuid) + "\"}");
        assertThat(strictApp.takeOne().get("cmd").asText()).isEqualTo("auth_ack");
    }

    @Test
    void theFirstReplyWinsAndLaterOnesGetAnError() {
        FakeConnection secondPksa = has.pksaFor("alice", has.aliceMemo);
        String uuid = pendingAuth();
        secondPksa.take();
        has.send(secondPksa, "{\"cmd\":\"auth_nack\",\"uuid\":\"" + uuid + "\",\"data\":\"n\",\"pok\":\""
                + has.replyPok(has.aliceMemo, uuid) + "\"}");
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\"" + pok(uuid) + "\"}");
        assertThat(pksa.takeOne().get("error").asText()).isEqualTo("auth_ack: request already answered");
        has.send(secondPksa, "{\"cmd\":\"auth_nack\",\"uuid\":\"" + uuid + "\",\"data\":\"n\",\"pok\":\""
                + has.replyPok(has.aliceMemo, uuid) + "\"}");
        assertThat(secondPksa.takeOne().get("error").asText()).isEqualTo("auth_nack: request already answered");
        assertThat(app.take()).extracting(m -> m.get("cmd").asText()).containsExactly("auth_nack");
    }

    @Test
    void aReplyWhosePokCheckEndsAfterTheRequestExpiredIsRefusedNotRelayed() {
        String uuid = pendingAuth();
        java.util.concurrent.CompletableFuture<java.util.Map<String, java.util.Set<dev.hiveauth.protocol.crypto.PublicKey>>>
                slowChain = new java.util.concurrent.CompletableFuture<>();
        has.accountKeys = accounts -> slowChain;
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\"" + pok(uuid) + "\"}");
        has.clock.advance(java.time.Duration.ofSeconds(60));
        slowChain.complete(java.util.Map.of("alice", has.chain.get("alice")));
        has.store.settle(); // the claim that the lookup's end set going

        assertThat(pksa.takeOne().get("error").asText()).isEqualTo("auth_ack: unknown or expired request");
        assertThat(app.take()).isEmpty();
    }

    @Test
    void aPokCheckThatCannotReachTheChainIsAnErrorNotARelay() {
        String uuid = pendingAuth();
        has.accountKeys = accounts -> java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("down"));
        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\"" + pok(uuid) + "\"}");
        assertThat(pksa.takeOne().get("error").asText()).isEqualTo("auth_ack: cannot check the pok against alice's keys now");
        assertThat(app.take()).isEmpty();
    }
}
