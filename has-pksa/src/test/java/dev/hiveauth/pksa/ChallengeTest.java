package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.pksa.fixtures.PksaFixture;
import dev.hiveauth.pksa.fixtures.TestAccount;
import dev.hiveauth.protocol.crypto.Memo;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.Signature;
import dev.hiveauth.protocol.message.ChallengeAck;
import dev.hiveauth.protocol.message.ChallengeErr;
import dev.hiveauth.protocol.message.ChallengeNack;
import dev.hiveauth.protocol.message.ChallengeReq;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.message.Reply;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.ChallengeReqData;
import dev.hiveauth.protocol.payload.ErrorText;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.NackData;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** challenge_req against a real relay: signing, memo decryption, nonces, keys the wallet lacks, refusals. */
class ChallengeTest {
    private PksaFixture given;
    private String authKey;

    private void wallet(Consumer<Pksa.Builder> settings) throws Exception {
        given = PksaFixture.start(settings).connected("alice", "bob");
        authKey = given.granted("alice", "login.example");
    }

    private void wallet() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
    }

    @AfterEach
    void stop() throws Exception {
        if (given != null) {
            given.close();
        }
    }

    private Wait challenge(String account, KeyType type, String text, boolean decrypt, Long nonce) throws Exception {
        ChallengeReqData data = new ChallengeReqData(type, text, decrypt, nonce);
        return given.app.send(new ChallengeReq(account, data.encrypt(authKey), null));
    }

    private ChallengeAckData ackData(Reply reply) {
        assertThat(reply).isInstanceOf(ChallengeAck.class);
        return ChallengeAckData.decrypt(((ChallengeAck) reply).data(), authKey).orElseThrow();
    }

    @Test
    void signsTheChallengeLikeHiveJs() throws Exception {
        wallet();

        Wait wait = challenge("alice", KeyType.POSTING, "prove it: 42", false, 10L);
        ChallengeAckData data = ackData(given.app.replyTo(wait.uuid()));

        PrivateKey posting = TestAccount.ALICE.posting();
        assertThat(data.pubkey()).isEqualTo(posting.publicKey().toString());
        assertThat(data.challenge()).isEqualTo(posting.sign("prove it: 42").toHex());
        assertThat(Signature.fromHex(data.challenge()).verify("prove it: 42", posting.publicKey())).isTrue();
    }

    @Test
    void decryptsAMemoWithTheKeyAskedFor() throws Exception {
        wallet();
        PrivateKey sender = PrivateKey.fromSeed("some app");
        String memo = Memo.encode(sender, TestAccount.ALICE.memo().publicKey(), "#the secret");

        Wait wait = challenge("alice", KeyType.MEMO, memo, true, 10L);
        ChallengeAckData data = ackData(given.app.replyTo(wait.uuid()));

        assertThat(data.challenge()).isEqualTo("#the secret");
        assertThat(data.pubkey()).isEqualTo(TestAccount.ALICE.memo().publicKey().toString());
    }

    @Test
    void aMemoForAnotherKeyIsAnError() throws Exception {
        wallet();
        String memo = Memo.encode(PrivateKey.fromSeed("some app"), TestAccount.BOB.memo().publicKey(), "#not yours");

        Wait wait = challenge("alice", KeyType.MEMO, memo, true, 10L);
        Reply reply = given.app.replyTo(wait.uuid());

        assertThat(reply).isInstanceOf(ChallengeErr.class);
        assertThat(ErrorText.read(((ChallengeErr) reply).error(), authKey)).startsWith("cannot decrypt the challenge");
    }

    @Test
    void decryptingTextThatIsNotAMemoIsAnError() throws Exception {
        wallet();

        Wait wait = challenge("alice", KeyType.POSTING, "plain text", true, 10L);
        ChallengeErr error = (ChallengeErr) given.app.replyTo(wait.uuid());

        assertThat(ErrorText.read(error.error(), authKey)).contains("is not an encrypted memo");
    }

    @Test
    void aChallengeWithoutNonceIsAccepted() throws Exception {
        wallet();

        Wait first = challenge("alice", KeyType.POSTING, "one", false, null);
        ackData(given.app.replyTo(first.uuid()));
        Wait second = challenge("alice", KeyType.POSTING, "two", false, null);

        ackData(given.app.replyTo(second.uuid()));
        assertThat(given.auths.auths("alice").get(0).nonce()).isNull();
    }

    @Test
    void aReplayedNonceIsRefused() throws Exception {
        wallet();
        ackData(given.app.replyTo(challenge("alice", KeyType.POSTING, "one", false, 77L).uuid()));

        Wait replay = challenge("alice", KeyType.POSTING, "one", false, 77L);
        Reply reply = given.app.replyTo(replay.uuid());

        assertThat(reply).isInstanceOf(ChallengeErr.class);
        assertThat(ErrorText.read(((ChallengeErr) reply).error(), authKey)).contains("refused as a replay");
        assertThat(given.auths.auths("alice").get(0).nonce()).isEqualTo(77L);
    }

    @Test
    void aKeyTheWalletLacksGetsNoAnswer() throws Exception {
        wallet();
        String bobKey = given.granted("bob", "login.example");
        ChallengeReqData data = new ChallengeReqData(KeyType.ACTIVE, "hello", false, 5L);

        given.app.send(new ChallengeReq("bob", data.encrypt(bobKey), null));

        given.assertNothingAnswered();
    }

    @Test
    void withChallengeReqRejectAKeyTheWalletLacksIsNacked() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)).rejectUnapproved(Family.CHALLENGE));
        String bobKey = given.granted("bob", "login.example");
        ChallengeReqData data = new ChallengeReqData(KeyType.MEMO, "hello", false, 5L);

        Wait wait = given.app.send(new ChallengeReq("bob", data.encrypt(bobKey), null));
        ChallengeNack nack = (ChallengeNack) given.app.replyTo(wait.uuid());

        assertThat(NackData.confirms(nack.data(), wait.uuid(), bobKey)).isTrue();
    }

    @Test
    void aRefusalIsNacked() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.REJECT)));

        Wait wait = challenge("alice", KeyType.POSTING, "hello", false, 5L);
        ChallengeNack nack = (ChallengeNack) given.app.replyTo(wait.uuid());

        assertThat(NackData.confirms(nack.data(), wait.uuid(), authKey)).isTrue();
    }

    @Test
    void thePolicySeesWhatIsAsked() throws Exception {
        java.util.List<ApprovalRequest> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        wallet(b -> b.policy(request -> {
            asked.add(request);
            return java.util.concurrent.CompletableFuture.completedFuture(Decision.APPROVE);
        }));

        Wait wait = challenge("alice", KeyType.ACTIVE, "hello", false, 5L);
        given.app.replyTo(wait.uuid());

        assertThat(asked).singleElement().isEqualTo(
                new ChallengeApproval("alice", "login.example", KeyType.ACTIVE, "hello", false, wait.expire()));
    }
}
