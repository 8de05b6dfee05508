package dev.hiveauth.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.app.Auth;
import dev.hiveauth.app.AuthPrompt;
import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.ConnectionFailedException;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.RequestAccepted;
import dev.hiveauth.app.RequestExpiredException;
import dev.hiveauth.app.RequestRefusedException;
import dev.hiveauth.app.SignRequest;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.ManualApproval;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.it.fixture.TcpProxy;
import dev.hiveauth.it.fixture.WalletEvents;
import dev.hiveauth.pksa.AuthApproval;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections drop — phones change networks, NATs forget — and nothing is lost: an app that comes back attaches
 * to its requests and gets the answers the relay kept; a wallet that comes back registers again and gets the
 * requests the relay kept; requests made before any wallet was there wait for one. The cuts are real TCP cuts
 * ({@link TcpProxy}) between the peer and the relay.
 */
class ReconnectIT {
    private static final String SECRET = "reconnect secret";
    private static final AuthReqData.App APP = new AuthReqData.App("it.example");

    private final HiveAuthWorld world = HiveAuthWorld.start();

    @AfterEach
    void close() {
        world.close();
    }

    private Pksa.Builder serviceWallet() {
        return world.wallet(world.alice()).serviceSecret(SECRET).policy(new ServicePolicy(true));
    }

    @Test
    void anAppCutOffWhileTheWalletDecides_attachesWhenItIsBack_andGetsTheAnswerTheRelayKept() {
        ManualApproval user = new ManualApproval();
        world.online(serviceWallet().policy(user));
        TcpProxy link = world.track(TcpProxy.to(world.relay()));
        HasClient app = world.open(world.app(link.uri()).authKeySecret(SECRET));

        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP).build());
        ManualApproval.Question question = user.next();
        link.refuse(); // the app is cut off and cannot come back yet
        await().until(() -> world.server().connectionCount() == 1); // the relay saw the app go
        question.approve();
        await().until(() -> world.requests("auth", "approved") == 1); // relayed to nobody: kept for attach
        link.admit();

        AuthResult result = Awaited.value(login);
        assertThat(result.auth().account()).isEqualTo("alice");
        assertThat(link.admitted()).as("one connection before the cut, one after").isEqualTo(2);
    }

    @Test
    void anAppCutOffWithSeveralRequestsPending_attachesToEachAndGetsEveryAnswer() {
        ManualApproval user = new ManualApproval();
        world.online(serviceWallet().policy(user));
        TcpProxy link = world.track(TcpProxy.to(world.relay()));
        HasClient app = world.open(world.app(link.uri()).authKeySecret(SECRET));
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP).build());
        user.next().approve();
        Auth auth = Awaited.value(login).auth();

        List<CompletableFuture<SignResult>> votes = Stream.of("one", "two", "three")
                .map(permlink -> app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                        .operations(OperationsJson.vote("alice", "bob", permlink)).build()))
                .toList();
        List<ManualApproval.Question> questions = List.of(user.next(), user.next(), user.next());
        link.refuse();
        await().until(() -> world.server().connectionCount() == 1);
        questions.get(0).approve();
        questions.get(1).reject();
        questions.get(2).approve();
        await().until(() -> world.requests("sign", "approved") == 2 && world.requests("sign", "refused") == 1);
        link.admit();

        assertThat(world.chain().accepted(Awaited.value(votes.get(0)).txid())).isPresent();
        assertThat(Awaited.failure(votes.get(1))).isInstanceOf(RequestRefusedException.class);
        assertThat(world.chain().accepted(Awaited.value(votes.get(2)).txid())).isPresent();
    }

    @Test
    void anAppThatReconnectsBeforeTheWalletAnswers_getsTheAnswerOnItsNewConnection() {
        ManualApproval user = new ManualApproval();
        world.online(serviceWallet().policy(user));
        TcpProxy link = world.track(TcpProxy.to(world.relay()));
        HasClient app = world.open(world.app(link.uri()).authKeySecret(SECRET));

        CompletableFuture<AuthPrompt> waiting = new CompletableFuture<>();
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .onWait(waiting::complete).build());
        ManualApproval.Question question = user.next();
        // The relay sends auth_wait to the app and the request to the wallet at once: the wallet may have it first.
        // Cut only once the app knows the request's uuid (a request cut before that is lost, and fails as such).
        Awaited.value(waiting);
        link.cut(); // the app comes straight back and attaches to a request still waiting
        await().until(() -> link.admitted() == 2);
        question.approve();

        assertThat(Awaited.value(login).auth().account()).isEqualTo("alice");
    }

    @Test
    void aWalletCutOffWhileASigningRequestArrives_getsItAfterRegisteringAgain() {
        TcpProxy link = world.track(TcpProxy.to(world.relay()));
        WalletEvents events = new WalletEvents();
        world.online(serviceWallet().listener(events), link.uri());
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice").app(APP).build())).auth();

        link.refuse();
        world.awaitRegistrations("alice", 0);
        CompletableFuture<RequestAccepted> waiting = new CompletableFuture<>();
        CompletableFuture<SignResult> vote = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "while-you-were-away")).onWait(waiting::complete)
                .build());
        Awaited.value(waiting); // the relay holds it: nobody is registered for alice
        link.admit();

        SignResult signed = Awaited.value(vote);
        assertThat(world.chain().accepted(signed.txid())).isPresent();
        assertThat(events.disconnections()).isPositive();
        assertThat(world.registrations("alice")).isEqualTo(1);
    }

    @Test
    void aWalletCutOffWhileTheUserApproves_sendsItsAnswerWhenTheRelayForwardsTheRequestAgain_andBroadcastsOnce() {
        TcpProxy link = world.track(TcpProxy.to(world.relay()));
        ManualApproval user = new ManualApproval();
        world.online(serviceWallet().policy(user), link.uri());
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP).build());
        user.next().approve();
        Auth auth = Awaited.value(login).auth();

        CompletableFuture<SignResult> vote = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "approved-offline")).build());
        ManualApproval.Question question = user.next();
        link.refuse();
        world.awaitRegistrations("alice", 0);
        question.approve(); // signed and broadcast; the answer has no connection to go out on
        await().until(() -> world.chain().accepted().size() == 1);
        link.admit(); // registered again, the request still unanswered comes again: the kept answer goes out

        assertThat(Awaited.value(vote).txid()).isEqualTo(world.chain().accepted().get(0).id());
        assertThat(user.asked()).as("the user is not asked twice").isEqualTo(2);
        assertThat(world.chain().accepted()).as("nor is the vote broadcast twice").hasSize(1);
    }

    @Test
    void aRequestMadeWhileTheRelayIsUnreachable_failsAtOnce_andTheNextOneGoesThroughWhenItIsBack() {
        world.online(serviceWallet());
        TcpProxy link = world.track(TcpProxy.to(world.relay()));
        HasClient app = world.open(world.app(link.uri()).authKeySecret(SECRET));
        Auth auth = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice").app(APP).build())).auth();

        link.refuse();
        await().until(() -> world.server().connectionCount() == 1); // only the wallet is left
        Throwable unreachable = Awaited.failure(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "unreachable")).build()));
        link.admit();
        SignResult signed = Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "reachable")).build()));

        assertThat(unreachable).isInstanceOf(ConnectionFailedException.class);
        assertThat(world.chain().accepted()).extracting(tx -> tx.id()).containsExactly(signed.txid());
    }

    @Test
    void requestsMadeBeforeAnyWalletRegistered_reachTheFirstWalletToRegister_inTheOrderTheyWereMade() {
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        List<String> names = List.of("first.example", "second.example", "third.example");
        List<CompletableFuture<AuthPrompt>> waits = names.stream().map(name -> new CompletableFuture<AuthPrompt>())
                .toList();
        List<CompletableFuture<AuthResult>> logins = Stream.iterate(0, i -> i + 1).limit(names.size())
                .map(i -> app.authenticate(AuthRequest.newBuilder("alice").app(new AuthReqData.App(names.get(i)))
                        .onWait(waits.get(i)::complete).build()))
                .toList();
        waits.forEach(Awaited::value);

        ManualApproval user = new ManualApproval();
        world.online(serviceWallet().policy(user));
        for (String name : names) {
            ManualApproval.Question question = user.next();
            assertThat(((AuthApproval) question.request()).app()).isEqualTo(name);
            question.approve();
        }

        logins.forEach(login -> assertThat(Awaited.value(login).auth().account()).isEqualTo("alice"));
    }

    @Test
    void aRequestQueuedForAWalletThatNeverComes_expiresAndIsForgotten() {
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        CompletableFuture<AuthPrompt> waiting = new CompletableFuture<>();
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .onWait(waiting::complete).build());
        Awaited.value(waiting);

        world.advance(HiveAuthWorld.PAST_EXPIRY);
        assertThat(Awaited.failure(login)).isInstanceOf(RequestExpiredException.class);
        // The relay holds nothing any more, so a wallet that comes online now has nothing to be sent.
        assertThat(world.server().pendingRequestCount()).isZero();
        ManualApproval user = new ManualApproval();
        world.online(serviceWallet().policy(user));

        assertThat(user.asked()).isZero();
    }
}
