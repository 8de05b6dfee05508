package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A wallet's replies are never refused for rate as long as they answer what was forwarded to it: each
 * forwarded request earns one reply credit. Everything else stays under the per-socket rate limit.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ReplyCreditTest {
    private final StoreKind kind;

    ReplyCreditTest(StoreKind kind) {
        this.kind = kind;
    }

    @AfterEach
    void closeStores() {
        RelayFixture.closeAll();
    }


    private static String ack(RelayFixture has, String uuid) {
        return "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"U2Fsd-ack\",\"pok\":\""
                + has.replyPok(has.alicePosting, uuid) + "\"}";
    }

    @Test
    void aServiceWalletApprovingThreeHundredLoginsAtOnceHasEveryApprovalRelayedUnderTheOldTightLimits() {
        RelayFixture has = new RelayFixture(kind, false, Limits.DEFAULT.withRate(50, 200));
        FakeConnection wallet = has.pksaFor("alice", has.alicePosting);
        Map<String, FakeConnection> appByUuid = new LinkedHashMap<>();
        for (int user = 0; user < 300; user++) {
            FakeConnection app = has.open(); // each user logs in from their own browser
            appByUuid.put(has.authRequest(app, "alice"), app);
        }
        List<String> forwarded = new ArrayList<>();
        wallet.take().forEach(request -> forwarded.add(request.get("uuid").asText()));
        assertThat(forwarded).containsExactlyElementsOf(appByUuid.keySet());

        for (String uuid : forwarded) { // all in the same instant: the clock does not move
            has.send(wallet, ack(has, uuid));
        }

        assertThat(wallet.take()).as("no error, no rate limit").isEmpty();
        assertThat(wallet.closeCode()).isZero();
        appByUuid.forEach((uuid, app) -> {
            JsonNode approval = app.takeOne();
            assertThat(approval.get("cmd").asText()).isEqualTo("auth_ack");
            assertThat(approval.get("uuid").asText()).isEqualTo(uuid);
        });
        assertThat(has.registry.get("has.requests").tag("type", "auth").tag("outcome", "approved").counter().count())
                .isEqualTo(300);
    }

    @Test
    void aConnectionThatWasForwardedNothingAndFloodsRepliesIsRefusedThenClosed() {
        RelayFixture has = new RelayFixture(kind, false, Limits.DEFAULT.withRate(1, 3).withAbuseBudget(2));
        FakeConnection flooder = has.open();
        String reply = "{\"cmd\":\"auth_ack\",\"uuid\":\"forged\",\"data\":\"d\"}";
        for (int i = 0; i < 3; i++) {
            has.send(flooder, reply);
            assertThat(flooder.takeOne().get("error").asText()).isEqualTo("auth_ack: unknown or expired request");
        }
        for (int i = 0; i < 2; i++) {
            has.send(flooder, reply);
            assertThat(flooder.takeOne().get("error").asText())
                    .isEqualTo("rate limit exceeded: at most 1.0 messages per second");
        }
        assertThat(flooder.closeCode()).isZero();
        has.send(flooder, reply);
        assertThat(flooder.closeCode()).isEqualTo(1008);
    }

    @Test
    void aReplyRefusedForRateCarriesItsUuidSoTheWalletCanSendItAgain() {
        RelayFixture has = new RelayFixture(kind, false, Limits.DEFAULT.withRate(1, 1).withAbuseBudget(10));
        FakeConnection wallet = has.pksaFor("alice", has.alicePosting); // its one rate token went on register_req
        FakeConnection app = has.open();
        String uuid = has.authRequest(app, "alice");
        wallet.take();
        // The one credit goes on a reply the relay refuses (a pok over another uuid)…
        has.send(wallet, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\""
                + has.replyPok(has.alicePosting, "another") + "\"}");
        assertThat(wallet.takeOne().get("error").asText()).isEqualTo("auth_ack: pok does not match the request uuid");

        // …so the corrected reply finds neither a credit nor a token.
        has.send(wallet, ack(has, uuid));
        JsonNode refused = wallet.takeOne();
        assertThat(refused.get("error").asText()).isEqualTo("rate limit exceeded: at most 1.0 messages per second");
        assertThat(refused.get("uuid").asText()).isEqualTo(uuid);
        assertThat(app.take()).isEmpty();

        has.clock.advance(Duration.ofSeconds(1));
        has.send(wallet, ack(has, uuid));
        assertThat(app.takeOne().get("uuid").asText()).isEqualTo(uuid);
    }

    @Test
    void framesThatAreNotRepliesNeverSpendTheCredits() {
        RelayFixture has = new RelayFixture(kind, false, Limits.DEFAULT.withRate(1, 1).withAbuseBudget(2));
        FakeConnection wallet = has.pksaFor("alice", has.alicePosting);
        FakeConnection app = has.open();
        for (int i = 0; i < 5; i++) {
            has.send(app, "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"x\"}");
            has.clock.advance(Duration.ofSeconds(1)); // the app stays within its own rate
        }
        assertThat(wallet.take()).as("five credits").hasSize(5);

        has.send(wallet, "{\"cmd\":\"key_req\"}");
        assertThat(wallet.takeOne().get("cmd").asText()).isEqualTo("key_ack");
        has.send(wallet, "{\"cmd\":\"key_req\"}");
        assertThat(wallet.takeOne().get("error").asText()).startsWith("rate limit exceeded");
        has.send(wallet, "{not json");
        JsonNode refused = wallet.takeOne();
        assertThat(refused.get("error").asText()).startsWith("rate limit exceeded");
        assertThat(refused.has("uuid")).isFalse();
        has.send(wallet, "ping");
        assertThat(wallet.closeCode()).isEqualTo(1008);
    }
}
