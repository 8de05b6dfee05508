package dev.hiveauth.it.resilience;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.ChallengeRequest;
import dev.hiveauth.app.ChallengeResult;
import dev.hiveauth.app.SignRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.app.AccountKeyLookup;
import dev.hiveauth.app.Auth;
import dev.hiveauth.app.ChallengeVerifier;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.FakeHiveNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two API nodes of one chain, and the first one fails: the relay's key lookups (registrations and reply proofs),
 * the wallet's head-block reads and broadcasts, and the app's key lookups all move to the second node, and come
 * back when the first one returns and the second one fails.
 */
class HiveNodeFailoverIT {
    private static final String SECRET = "failover secret";
    private static final String GET_ACCOUNTS = "condenser_api.get_accounts";
    private static final String BROADCAST = "condenser_api.broadcast_transaction";
    /** Past the relay's 60 s cache of account keys: the next proof makes it ask a node again. */
    private static final Duration KEYS_FORGOTTEN = Duration.ofSeconds(61);

    private final HiveAuthWorld world = HiveAuthWorld.withTwoNodes();
    private final FakeHiveNode first = world.node(0);
    private final FakeHiveNode second = world.node(1);

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void withTheFirstNodeDown_everyRoleUsesTheSecond() {
        first.close();
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(new ServicePolicy(true)));
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice")
                .app(new AuthReqData.App("it.example")).build())).auth();

        SignResult vote = Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "failover")).build()));
        ChallengeResult answer = Awaited.value(app.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.POSTING).text("still alice?").build()));

        assertThat(world.chain().accepted(vote.txid())).isPresent();
        assertThat(second.calls(GET_ACCOUNTS)).as("the relay's lookups").isPositive();
        assertThat(second.calls(BROADCAST)).isEqualTo(1);
        ChallengeVerifier verifier = new ChallengeVerifier(AccountKeyLookup.onChain(world.hive()));
        assertThat(Awaited.value(verifier.verify("alice", KeyType.POSTING, "still alice?", answer)))
                .isEqualTo(world.alice().posting().publicKey());
    }

    @Test
    void aFirstNodeAnsweringBadGateway_isPassedOverLikeADeadOne() {
        first.failWithStatus(502);
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(new ServicePolicy(true)));
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice")
                .app(new AuthReqData.App("it.example")).build())).auth();

        SignResult vote = Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "bad-gateway")).build()));

        assertThat(world.chain().accepted(vote.txid())).isPresent();
        // Each client starts with the first node and stays on the one that answered last. Which call meets the 502
        // first is a race (the relay's start-up check of the nodes, or its key lookup for the registration), so what
        // is certain is that the first node was asked, not by which call.
        assertThat(first.calls()).as("asked, and failed").isNotEmpty(); // a method is listed once it is called
        assertThat(second.calls(GET_ACCOUNTS)).as("the relay's lookups, after the 502").isPositive();
        assertThat(first.calls(BROADCAST)).isZero(); // the wallet had moved to the second node when reading the head
        assertThat(second.calls(BROADCAST)).isEqualTo(1);
    }

    @Test
    void whenTheNodeInUseGoesDown_theRolesMoveToTheOther_andBackWhenItReturns() {
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(new ServicePolicy(true)));
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice")
                .app(new AuthReqData.App("it.example")).build())).auth();
        Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "one")).build()));
        assertThat(first.calls(BROADCAST)).isEqualTo(1);

        first.close();
        world.advance(KEYS_FORGOTTEN);
        int lookupsBefore = second.calls(GET_ACCOUNTS);
        Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "two")).build()));
        assertThat(second.calls(BROADCAST)).isEqualTo(1);
        assertThat(second.calls(GET_ACCOUNTS)).as("the relay checked the reply's proof there")
                .isGreaterThan(lookupsBefore);

        first.restart();
        second.close();
        world.advance(KEYS_FORGOTTEN);
        Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "three")).build()));
        assertThat(first.calls(BROADCAST)).isEqualTo(2);

        assertThat(world.chain().accepted()).hasSize(3);
    }
}
