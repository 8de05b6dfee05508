package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class RegistrationTest {
    private final StoreKind kind;
    private final RelayFixture has;

    RegistrationTest(StoreKind kind) {
        this.kind = kind;
        this.has = new RelayFixture(kind);
    }

    @AfterEach
    void closeStores() {
        RelayFixture.closeAll();
    }

    @Test
    void aSocketIsGreetedWithConnectedInSecondsAndProtocolOne() {
        FakeConnection peer = new FakeConnection();
        has.relay.onOpen(peer);
        JsonNode connected = peer.takeOne();
        assertThat(connected.get("cmd").asText()).isEqualTo("connected");
        assertThat(connected.get("timeout").isInt()).isTrue();
        assertThat(connected.get("timeout").asInt()).isEqualTo(60);
        assertThat(connected.get("protocol").isIntegralNumber()).isTrue();
        assertThat(connected.get("protocol").asInt()).isEqualTo(1);
        assertThat(connected.get("version").asText()).isEqualTo("test");
    }

    @Test
    void keyReqIsAnsweredWithTheServerKeyAsAnStmString() {
        FakeConnection pksa = has.open();
        has.send(pksa, "{\"cmd\":\"key_req\"}");
        JsonNode ack = pksa.takeOne();
        assertThat(ack.get("cmd").asText()).isEqualTo("key_ack");
        assertThat(ack.get("key").asText()).isEqualTo(has.serverKey.publicKey().toString()).startsWith("STM");
    }

    @Test
    void aValidPokRegistersTheAccountAndRegisteringAgainIsAckedAgain() {
        FakeConnection pksa = has.pksaFor("alice", has.alicePosting);
        has.send(pksa, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                + has.registrationPok(has.aliceMemo) + "\"}]}");
        assertThat(pksa.takeOne().toString()).isEqualTo("{\"cmd\":\"register_ack\",\"account\":\"alice\"}");
        assertThat(has.relay.registrationCount()).isEqualTo(1);
    }

    @Test
    void hiveKeychainMobilesLegacyFormIsVerifiedLikeAPok() {
        FakeConnection pksa = has.open();
        has.send(pksa, "{\"cmd\":\"register_req\",\"app\":\"Hive Keychain\",\"accounts\":[{\"name\":\"alice\","
                + "\"key_type\":\"posting\",\"challenge\":\"" + has.registrationPok(has.alicePosting) + "\"}]}");
        assertThat(pksa.takeOne().get("cmd").asText()).isEqualTo("register_ack");

        has.send(pksa, "{\"cmd\":\"register_req\",\"app\":\"Hive Keychain\",\"accounts\":[{\"name\":\"bob\","
                + "\"key_type\":\"posting\",\"challenge\":\"" + has.registrationPok(has.alicePosting) + "\"}]}");
        assertThat(pksa.takeOne().get("error").asText())
                .isEqualTo("registration failed: bob (pok was made with a key that is not one of the account's keys)");
    }

    @Test
    void eachAccountIsJudgedAloneAndOneErrorNamesEveryFailureWithItsReason() {
        FakeConnection pksa = has.open();
        String stale = ProofOfKey.create(has.bobPosting, has.serverKey.publicKey(),
                Long.toString(RelayFixture.START - 10_001));
        String toAnotherServer = ProofOfKey.forRegistration(has.alicePosting,
                PrivateKey.fromSeed("another server").publicKey(), has.clock);
        has.send(pksa, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":["
                + "{\"name\":\"alice\",\"pok\":\"" + has.registrationPok(has.alicePosting) + "\"},"
                + "{\"name\":\"bob\",\"pok\":\"" + stale + "\"},"
                + "{\"name\":\"carol\",\"pok\":\"" + has.registrationPok(has.alicePosting) + "\"},"
                + "{\"name\":\"Not_Valid\",\"pok\":\"#x\"},"
                + "{\"name\":\"alice\",\"pok\":\"" + toAnotherServer + "\"}]}");
        List<JsonNode> replies = pksa.take();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).toString()).isEqualTo("{\"cmd\":\"register_ack\",\"account\":\"alice\"}");
        assertThat(replies.get(1).get("cmd").asText()).isEqualTo("error");
        assertThat(replies.get(1).get("error").asText())
                .startsWith("registration failed: Not_Valid (invalid account name: ")
                .contains("; bob (pok timestamp is 10.001 s away from server time (behind))")
                .contains("; carol (no such account)");
        assertThat(has.registry.get("has.pok.failures").tag("stage", "registration").counter().count()).isEqualTo(1);
    }

    @Test
    void aThousandInvalidNames_areAnsweredWithTheFirstFewAndACount_andLongNamesAreShownCut() {
        FakeConnection pksa = has.open();
        StringBuilder accounts = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            accounts.append(i == 0 ? "" : ",").append("{\"name\":\"").append("x".repeat(200)).append(i)
                    .append("\",\"pok\":\"#x\"}");
        }
        has.send(pksa, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[" + accounts + "]}");

        String error = pksa.takeOne().get("error").asText();
        assertThat(error).startsWith("registration failed: " + "x".repeat(32) + "… (invalid account name: \""
                        + "x".repeat(32) + "…\" is not a valid account name: it has 201 characters")
                .endsWith("; 997 more invalid account names")
                .hasSizeLessThan(1_000);
    }

    @Test
    void hiveAuthMobilesDoublePrefixedPokIsAccepted() {
        FakeConnection pksa = has.open();
        String doubled = ProofOfKey.create(has.alicePosting, has.serverKey.publicKey(), "#" + has.clock.millis());
        has.send(pksa, "{\"cmd\":\"register_req\",\"app\":\"HiveAuth Mobile\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                + doubled + "\"}]}");
        assertThat(pksa.takeOne().get("cmd").asText()).isEqualTo("register_ack");
    }

    @Test
    void anEmptyAccountListIsAnError() {
        FakeConnection pksa = has.open();
        has.send(pksa, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[]}");
        assertThat(pksa.takeOne().get("error").asText()).isEqualTo("register_req: \"accounts\" is empty");
    }

    @Test
    void whenTheChainCannotBeReachedTheAccountsFailWithThatReason() {
        has.accountKeys = accounts -> CompletableFuture.failedFuture(new IllegalStateException("every node is down"));
        FakeConnection pksa = has.open();
        has.send(pksa, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                + has.registrationPok(has.alicePosting) + "\"}]}");
        assertThat(pksa.takeOne().get("error").asText())
                .isEqualTo("registration failed: alice (cannot check the account on chain now)");
    }

    @Test
    void aPksaThatClosesLosesItsRegistrations() {
        FakeConnection pksa = has.pksaFor("alice", has.alicePosting);
        has.relay.onClose(pksa);
        assertThat(has.relay.registrationCount()).isZero();

        FakeConnection app = has.open();
        has.authRequest(app, "alice");
        assertThat(pksa.take()).isEmpty();
    }

    @Test
    void registrationsAreLimitedPerSocket() {
        RelayFixture limited = new RelayFixture(kind, false, Limits.DEFAULT.withMaxAccountsPerSocket(1));
        FakeConnection pksa = limited.pksaFor("alice", limited.alicePosting);
        limited.send(pksa, "{\"cmd\":\"register_req\",\"app\":\"x\",\"accounts\":[{\"name\":\"bob\",\"pok\":\""
                + limited.registrationPok(limited.bobPosting) + "\"},{\"name\":\"alice\",\"pok\":\""
                + limited.registrationPok(limited.alicePosting) + "\"}]}");
        List<JsonNode> replies = pksa.take();
        assertThat(replies.get(0).toString()).isEqualTo("{\"cmd\":\"register_ack\",\"account\":\"alice\"}");
        assertThat(replies.get(1).get("error").asText())
                .isEqualTo("registration failed: bob (this connection already registered 1 accounts, the limit)");
    }
}
