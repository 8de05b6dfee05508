package dev.hiveauth.pksa;

import static dev.hiveauth.pksa.fixtures.PksaFixture.SERVICE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.pksa.fixtures.PksaFixture;
import dev.hiveauth.pksa.fixtures.TestAccount;
import dev.hiveauth.protocol.crypto.Signature;
import dev.hiveauth.protocol.message.AuthAck;
import dev.hiveauth.protocol.message.AuthErr;
import dev.hiveauth.protocol.message.AuthNack;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.message.Reply;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.NackData;
import dev.hiveauth.protocol.payload.ServiceAuthKey;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** auth_req against a real relay: service mode, stored authentications, refusals, errors and what is ignored. */
class AuthenticationTest {
    private static final AuthReqData.App APP = new AuthReqData.App("peakd.com", "Peakd", null);

    private PksaFixture given;

    private PksaFixture wallet(Consumer<Pksa.Builder> settings) throws Exception {
        given = PksaFixture.start(builder -> settings.accept(builder.serviceSecret(SERVICE_SECRET))).connected("alice", "bob");
        return given;
    }

    @AfterEach
    void stop() throws Exception {
        if (given != null) {
            given.close();
        }
    }

    /** An APP in service mode: its auth_key travels in the request, wrapped with the shared secret. */
    private static AuthReq serviceAuthReq(String account, String authKey, AuthReqData data) {
        return new AuthReq(account, data.encrypt(authKey), ServiceAuthKey.wrap(authKey, SERVICE_SECRET), null, null, null);
    }

    @Test
    void approvesAServiceModeAuthenticationAndStoresIt() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        String authKey = UUID.randomUUID().toString();

        Wait wait = given.app.send(serviceAuthReq("alice", authKey, new AuthReqData(APP)));
        Reply reply = given.app.replyTo(wait.uuid());

        assertThat(reply).isInstanceOf(AuthAck.class);
        AuthAckData data = AuthAckData.decrypt(((AuthAck) reply).data(), authKey).orElseThrow();
        long expected = given.clock.millis() + Duration.ofDays(1).toMillis();
        assertThat(data.expire()).isEqualTo(expected);
        assertThat(data.challenge()).isNull();
        assertThat(given.auths.auths("alice")).singleElement()
                .satisfies(auth -> {
                    assertThat(auth.key()).isEqualTo(authKey);
                    assertThat(auth.app()).isEqualTo("peakd.com");
                    assertThat(auth.expire()).isEqualTo(expected);
                });
    }

    @Test
    void theAuthenticationLastsAsConfigured() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)).authDuration(Duration.ofDays(30)));
        String authKey = UUID.randomUUID().toString();

        Wait wait = given.app.send(serviceAuthReq("alice", authKey, new AuthReqData(APP)));
        AuthAck ack = (AuthAck) given.app.replyTo(wait.uuid());

        assertThat(AuthAckData.decrypt(ack.data(), authKey).orElseThrow().expire())
                .isEqualTo(given.clock.millis() + Duration.ofDays(30).toMillis());
    }

    @Test
    void signsTheChallengeSentWithTheAuthentication() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        String authKey = UUID.randomUUID().toString();
        AuthReqData request = new AuthReqData(APP, new AuthReqData.Challenge(KeyType.POSTING, "login:1234"), null);

        Wait wait = given.app.send(serviceAuthReq("alice", authKey, request));
        AuthAck ack = (AuthAck) given.app.replyTo(wait.uuid());

        AuthAckData data = AuthAckData.decrypt(ack.data(), authKey).orElseThrow();
        assertThat(data.challenge().pubkey()).isEqualTo(TestAccount.ALICE.posting().publicKey().toString());
        assertThat(data.challenge().challenge()).hasSize(130);
        assertThat(Signature.fromHex(data.challenge().challenge()).recoverPublicKey("login:1234"))
                .contains(TestAccount.ALICE.posting().publicKey());
    }

    @Test
    void aChallengeForAKeyTheWalletLacksIsNotApproved() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        AuthReqData request = new AuthReqData(APP, new AuthReqData.Challenge(KeyType.ACTIVE, "login"), null);

        given.app.send(serviceAuthReq("bob", UUID.randomUUID().toString(), request)); // bob: posting key only

        given.assertNothingAnswered();
        assertThat(given.auths.auths("bob")).extracting(Auth::app).containsOnly("control");
    }

    @Test
    void anAuthenticationNobodyApprovesGetsNoAnswer() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.ABSTAIN)));

        given.app.send(serviceAuthReq("alice", UUID.randomUUID().toString(), new AuthReqData(APP)));

        given.assertNothingAnswered();
        assertThat(given.auths.auths("alice")).isEmpty();
    }

    @Test
    void withAuthReqRejectAnUnapprovedAuthenticationIsNacked() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.ABSTAIN)).rejectUnapproved(Family.AUTH));
        String authKey = UUID.randomUUID().toString();

        Wait wait = given.app.send(serviceAuthReq("alice", authKey, new AuthReqData(APP)));
        Reply reply = given.app.replyTo(wait.uuid());

        assertThat(reply).isInstanceOf(AuthNack.class);
        assertThat(NackData.confirms(((AuthNack) reply).data(), wait.uuid(), authKey)).isTrue();
    }

    @Test
    void aRefusalIsNacked() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.REJECT)));
        String authKey = UUID.randomUUID().toString();

        Wait wait = given.app.send(serviceAuthReq("alice", authKey, new AuthReqData(APP)));
        AuthNack nack = (AuthNack) given.app.replyTo(wait.uuid());

        assertThat(NackData.confirms(nack.data(), wait.uuid(), authKey)).isTrue();
        assertThat(given.auths.auths("alice")).isEmpty();
    }

    @Test
    void aStillValidAuthenticationIsApprovedAgainWithItsExpiry() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.ABSTAIN)));
        String authKey = given.granted("alice", "peakd.com");
        long expire = given.auths.auths("alice").get(0).expire();
        given.advance(Duration.ofHours(2));

        // no auth_key in the request: the stored key is found by decrypting
        Wait wait = given.app.send(new AuthReq("alice", new AuthReqData(APP).encrypt(authKey)));
        AuthAck ack = (AuthAck) given.app.replyTo(wait.uuid());

        assertThat(AuthAckData.decrypt(ack.data(), authKey).orElseThrow().expire()).isEqualTo(expire);
        assertThat(given.auths.auths("alice")).hasSize(1);
    }

    @Test
    void anExpiredStoredAuthenticationDoesNotOpenRequests() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        String authKey = given.granted("alice", "peakd.com");
        given.advance(Duration.ofDays(2));

        given.app.send(new AuthReq("alice", new AuthReqData(APP).encrypt(authKey)));

        given.assertNothingAnswered();
    }

    @Test
    void aServiceKeyWrappedWithAnotherSecretIsIgnored() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        String authKey = UUID.randomUUID().toString();

        given.app.send(new AuthReq("alice", new AuthReqData(APP).encrypt(authKey),
                ServiceAuthKey.wrap(authKey, "not-the-secret"), null, null, null));

        given.assertNothingAnswered();
    }

    @Test
    void aRequestWithoutAnyKeyTheWalletKnowsIsIgnored() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));

        given.app.send(new AuthReq("alice", new AuthReqData(APP).encrypt(UUID.randomUUID().toString())));

        given.assertNothingAnswered();
    }

    @Test
    void tamperedDataIsIgnored() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        String authKey = UUID.randomUUID().toString();
        String data = new AuthReqData(APP).encrypt(authKey);
        char[] tampered = data.toCharArray();
        int middle = tampered.length / 2;
        tampered[middle] = tampered[middle] == 'A' ? 'B' : 'A';

        given.app.send(new AuthReq("alice", new String(tampered), ServiceAuthKey.wrap(authKey, SERVICE_SECRET),
                null, null, null));

        given.assertNothingAnswered();
        assertThat(given.auths.auths("alice")).isEmpty();
    }

    @Test
    void dataThatOpensButIsNotAnAuthReqDataGetsAnAuthErr() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        String authKey = UUID.randomUUID().toString();
        String notAuthReqData = dev.hiveauth.protocol.crypto.CryptoJsAes.encrypt("{\"application\":\"x\"}", authKey);

        Wait wait = given.app.send(new AuthReq("alice", notAuthReqData, ServiceAuthKey.wrap(authKey, SERVICE_SECRET),
                null, null, null));
        Reply reply = given.app.replyTo(wait.uuid());

        assertThat(reply).isInstanceOf(AuthErr.class);
        assertThat(((AuthErr) reply).error()).isEqualTo("Failed to process authentication request");
    }

    @Test
    void anExpiredRequestIsIgnored() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        given.serverClock.advance(Duration.ofSeconds(-120)); // the relay stamps it expired for the wallet

        given.app.send(serviceAuthReq("alice", UUID.randomUUID().toString(), new AuthReqData(APP)));
        given.serverClock.advance(Duration.ofSeconds(120));

        given.assertNothingAnswered();
        assertThat(given.auths.auths("alice")).isEmpty();
    }

    @Test
    void requestsForAnAccountTheWalletDoesNotManageAreIgnored() throws Exception {
        given = PksaFixture.start(java.util.Map.of("bob", TestAccount.BOB.keys(KeyType.POSTING)), AuthStore.inMemory(),
                b -> b.serviceSecret(SERVICE_SECRET).policy(ApprovalPolicy.always(Decision.APPROVE))).connected("bob");

        given.app.send(serviceAuthReq("alice", UUID.randomUUID().toString(), new AuthReqData(APP)));

        given.assertNothingAnswered();
    }
}
