package dev.hiveauth.pksa;

import static dev.hiveauth.pksa.fixtures.PksaFixture.SERVICE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.pksa.fixtures.LogCapture;
import dev.hiveauth.pksa.fixtures.PksaFixture;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.ServiceAuthKey;
import dev.hiveauth.protocol.payload.SignReqData;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request the wallet leaves unanswered costs the application a silent wait: the wallet says why, once, at INFO —
 * without the secret, the keys or the data.
 */
class IgnoredRequestsTest {
    private static final AuthReqData.App APP = new AuthReqData.App("myapp");

    private PksaFixture given;
    private final LogCapture log = LogCapture.of(IgnoredRequests.class);

    @AfterEach
    void stop() throws Exception {
        log.close();
        if (given != null) {
            given.close();
        }
    }

    private void wallet(Consumer<Pksa.Builder> settings) throws Exception {
        given = PksaFixture.start(settings).connected("alice", "bob");
    }

    private String loginWithSecret(String secret) throws Exception {
        String authKey = UUID.randomUUID().toString();
        Wait wait = given.app.send(new AuthReq("alice", new AuthReqData(APP).encrypt(authKey),
                ServiceAuthKey.wrap(authKey, secret), null, null, null));
        return wait.uuid();
    }

    private String awaitLine(String uuid) {
        await().atMost(PksaFixture.SHORT).until(() -> log.lines().stream().anyMatch(line -> line.contains(uuid)));
        return log.lines().stream().filter(line -> line.contains(uuid)).findFirst().orElseThrow();
    }

    @Test
    void aLoginWithAnotherSecretIsLoggedWithTheReason_neverTheSecret() throws Exception {
        wallet(b -> b.serviceSecret(SERVICE_SECRET).policy(ApprovalPolicy.always(Decision.APPROVE)));

        String uuid = loginWithSecret("another secret");

        assertThat(awaitLine(uuid)).startsWith("INFO auth_req " + uuid + " for alice not answered:")
                .contains("does not open with this wallet's service secret").doesNotContain(SERVICE_SECRET);
    }

    @Test
    void aServiceModeLoginToAWalletWithoutSecretIsLoggedWithTheReason() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));

        String uuid = loginWithSecret(SERVICE_SECRET);

        assertThat(awaitLine(uuid)).contains("this wallet has no service secret (auth_req_secret)");
    }

    @Test
    void aSigningRequestOfAnUnknownApplicationIsLoggedWithTheReason() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        SignReqData data = new SignReqData(KeyType.POSTING, new ObjectMapper().readTree(
                "[[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"p\",\"weight\":100}]]"), true, 1L);

        Wait wait = given.app.send(new SignReq("alice", data.encrypt(UUID.randomUUID().toString()), null));

        assertThat(awaitLine(wait.uuid())).contains("no stored authentication of alice opens it");
    }

    @Test
    void anOperationOutsideTheRulesIsLoggedWithTheReason() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        String authKey = given.granted("alice", "myapp");
        SignReqData data = new SignReqData(KeyType.ACTIVE, new ObjectMapper().readTree(
                "[[\"transfer\",{\"from\":\"alice\",\"to\":\"bob\",\"amount\":\"1.000 HIVE\",\"memo\":\"\"}]]"), true, 1L);

        Wait wait = given.app.send(new SignReq("alice", data.encrypt(authKey), null));

        assertThat(awaitLine(wait.uuid())).contains("active-key operations are not enabled");
    }

    @Test
    void eachRequestIsLoggedOnce() {
        IgnoredRequests ignored = new IgnoredRequests();
        AuthReq request = new AuthReq("alice", "data").forwarded("u-1", 2_000);

        ignored.report(request, "first reason", 1_000);
        ignored.report(request, "forwarded again", 1_500);
        ignored.report(new AuthReq("alice", "data").forwarded("u-2", 2_000), "another", 1_500);

        assertThat(log.lines()).containsExactly("INFO auth_req u-1 for alice not answered: first reason",
                "INFO auth_req u-2 for alice not answered: another");
    }
}
