package dev.hiveauth.app;

import static dev.hiveauth.app.LoopbackRelay.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.Request;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.payload.AuthPayload;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.ManualTimers;
import dev.hiveauth.protocol.testing.MutableClock;
import dev.hiveauth.server.relay.Limits;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many requests at once, relay errors, expiry, and a dropped connection, against the real HAS. */
class RelayResilienceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ClientManager WALLETS = ClientManager.createClient();
    private static final AuthReqData.App MYAPP = new AuthReqData.App("myapp");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoopbackRelay relay;

    @AfterEach
    void stop() throws Exception {
        relay.close();
    }

    @AfterAll
    static void releaseWallets() {
        WALLETS.shutdown();
    }

    @Test
    void requestsInFlightTogetherEachGetTheirOwnAnswer() throws Exception {
        relay = new LoopbackRelay(WALLETS);
        HasClient app = relay.client();
        ScriptedPksa wallet = relay.alicesWallet();
        Auth auth = relay.authenticate(app, wallet, null);
        Map<String, String> keysByUuid = new ConcurrentHashMap<>();
        List<CompletableFuture<AuthResult>> auths = new ArrayList<>();
        List<CompletableFuture<SignResult>> signs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            auths.add(app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP)
                    .onWait(prompt -> keysByUuid.put(prompt.uuid(), AuthPayload.parse(prompt.uri()).key())).build()));
            signs.add(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING).operations(JSON.readTree("[]"))
                    .build()));
        }
        List<Request> forwarded = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            forwarded.add(wallet.request(Request.class));
        }
        await().atMost(WAIT).until(() -> keysByUuid.size() == 6);

        // answered last-first: only the uuid ties an answer to its request
        Collections.reverse(forwarded);
        Map<String, Long> expireByUuid = new HashMap<>();
        for (Request request : forwarded) {
            if (request instanceof AuthReq) {
                long until = relay.clock.millis() + 1_000_000 + expireByUuid.size();
                expireByUuid.put(request.uuid(), until);
                wallet.approve(request, keysByUuid.get(request.uuid()), until, null, null);
            } else {
                wallet.send(SignAck.broadcast(request.uuid(), "tx-of-" + request.uuid(), wallet.pok(request.uuid())));
            }
        }

        for (CompletableFuture<AuthResult> result : auths) {
            Auth granted = result.get(10, java.util.concurrent.TimeUnit.SECONDS).auth();
            String uuid = keysByUuid.entrySet().stream().filter(e -> e.getValue().equals(granted.authKey()))
                    .findFirst().orElseThrow().getKey();
            assertThat(granted.expire()).isEqualTo(expireByUuid.get(uuid));
        }
        for (CompletableFuture<SignResult> result : signs) {
            SignResult signed = result.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(signed.txid()).isEqualTo("tx-of-" + signed.uuid());
        }
    }

    @Test
    void aRequestTheRelayRefusesForLoadIsSentAgainOnceThereIsRoom_notFailed() throws Exception {
        relay = new LoopbackRelay(WALLETS, server -> server.limits(Limits.DEFAULT.withMaxPendingPerSocket(2)));
        ManualTimers timers = new ManualTimers();
        // a client that believes the relay takes 90 requests per connection, on one connection
        HasClient app = relay.client(client -> client.timers(timers)
                .flowControl(FlowControl.DEFAULT.withMaxConnections(1)));
        ScriptedPksa wallet = relay.alicesWallet();
        Map<String, String> keysByUuid = new ConcurrentHashMap<>();
        List<CompletableFuture<AuthResult>> logins = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            logins.add(app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP)
                    .onWait(prompt -> keysByUuid.put(prompt.uuid(), AuthPayload.parse(prompt.uri()).key())).build()));
        }
        AuthReq first = wallet.request(AuthReq.class);
        wallet.request(AuthReq.class);
        await().until(() -> relay.requests("auth", "rejected") == 1); // "this connection already has 2 pending requests"

        long until = relay.clock.millis() + 3_600_000;
        await().until(() -> keysByUuid.containsKey(first.uuid()));
        wallet.approve(first, keysByUuid.get(first.uuid()), until, null, null);
        assertThat(logins.get(0)).succeedsWithin(WAIT);
        assertThat(logins.get(2)).as("refused for now, not failed").isNotDone();
        timers.advance(Duration.ofSeconds(2)); // the pause after a refusal

        AuthReq third = wallet.request(AuthReq.class);
        await().until(() -> keysByUuid.containsKey(third.uuid()));
        wallet.approve(third, keysByUuid.get(third.uuid()), until, null, null);
        assertThat(logins.get(2)).succeedsWithin(WAIT);
        assertThat(logins.get(1)).isNotDone();
    }

    @Test
    void aRequestExpiresAtTheServersExpireByTheClientsClock() throws Exception {
        relay = new LoopbackRelay(WALLETS);
        MutableClock appClock = new MutableClock(relay.clock.millis());
        HasClient app = relay.client(builder -> builder.clock(appClock));
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();

        CompletableFuture<AuthResult> result = app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP)
                .onWait(shown::complete).build());
        AuthPrompt prompt = shown.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(prompt.expire()).isEqualTo(relay.clock.millis() + 60_000);

        appClock.advance(Duration.ofMillis(59_999));
        assertThat(result).isNotDone();
        appClock.advance(Duration.ofMillis(1));
        assertThat(result).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestExpiredException.class)
                .satisfies(expired -> assertThat(((HasException) expired).uuid()).isEqualTo(prompt.uuid()));
    }

    @Test
    void aReplyThatCameWhileDisconnectedIsDeliveredAfterReattaching() throws Exception {
        relay = new LoopbackRelay(WALLETS);
        try (TcpProxy proxy = new TcpProxy(relay.server.port())) {
            HasClient app = relay.keep(relay.clientFor(proxy.url()).build());
            ScriptedPksa wallet = relay.alicesWallet();
            CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
            CompletableFuture<AuthResult> result = app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP)
                    .onWait(shown::complete).build());
            AuthReq forwarded = wallet.request(AuthReq.class);
            String key = AuthPayload.parse(shown.get(10, java.util.concurrent.TimeUnit.SECONDS).uri()).key();

            proxy.refuse(true);
            proxy.cutAll();
            wallet.approve(forwarded, key, relay.clock.millis() + 3_600_000, null, null);
            // a second answer is refused as "already answered": the relay holds the first for attach
            wallet.approve(forwarded, key, relay.clock.millis() + 3_600_000, null, null);
            assertThat(wallet.next("error", ErrorMessage.class).error()).contains("already answered");
            assertThat(result).isNotDone();

            proxy.refuse(false);

            assertThat(result).succeedsWithin(WAIT)
                    .satisfies(approved -> assertThat(approved.auth().authKey()).isEqualTo(key));
        }
    }

    @Test
    void aConnectionThatSilentlyStoppedIsFoundByPingAndItsRequestReattached() throws Exception {
        relay = new LoopbackRelay(WALLETS);
        try (TcpProxy proxy = new TcpProxy(relay.server.port())) {
            HasClient app = relay.keep(relay.clientFor(proxy.url()).pingInterval(Duration.ofMillis(200)).build());
            ScriptedPksa wallet = relay.alicesWallet();
            CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
            CompletableFuture<AuthResult> result = app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP)
                    .onWait(shown::complete).build());
            AuthReq forwarded = wallet.request(AuthReq.class);
            String key = AuthPayload.parse(shown.get(10, java.util.concurrent.TimeUnit.SECONDS).uri()).key();

            proxy.freezeAll();
            // relayed into the frozen connection, which the relay still believes open: it never arrives
            wallet.approve(forwarded, key, relay.clock.millis() + 3_600_000, null, null);

            assertThat(result).succeedsWithin(WAIT)
                    .satisfies(approved -> assertThat(approved.auth().authKey()).isEqualTo(key));
        }
    }

    @Test
    void aRequestTheRelayForgotWhileDisconnectedFailsAsLost() throws Exception {
        relay = new LoopbackRelay(WALLETS);
        try (TcpProxy proxy = new TcpProxy(relay.server.port())) {
            HasClient app = relay.keep(relay.clientFor(proxy.url()).build());
            CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
            CompletableFuture<AuthResult> result = app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP)
                    .onWait(shown::complete).build());
            String uuid = shown.get(10, java.util.concurrent.TimeUnit.SECONDS).uuid();

            proxy.refuse(true);
            proxy.cutAll();
            // the relay's clock passes the request's expiry and it forgets it; the app's clock has not
            relay.clock.advance(Duration.ofSeconds(61));
            relay.server.sweepExpired();
            proxy.refuse(false);

            assertThat(result).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(RequestLostException.class).withMessageContaining("attach_nack")
                    .satisfies(lost -> assertThat(((HasException) lost).uuid()).isEqualTo(uuid));
        }
    }

    @Test
    void requestsMadeWhileReconnectingGoOutOnceConnected() throws Exception {
        relay = new LoopbackRelay(WALLETS);
        try (TcpProxy proxy = new TcpProxy(relay.server.port())) {
            CompletableFuture<Void> noticed = new CompletableFuture<>();
            HasClient app = relay.keep(relay.clientFor(proxy.url()).listener(new ConnectionListener() {
                @Override
                public void connectionLost(URI server, String reason, int waiting, long retryInMillis) {
                    noticed.complete(null);
                }
            }).build());
            ScriptedPksa wallet = relay.alicesWallet();
            Auth auth = relay.authenticate(app, wallet, null);
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            CompletableFuture<SignResult> before = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                    .operations(JSON.readTree("[]")).onWait(accepted -> acknowledged.complete(null)).build());
            SignReq first = wallet.request(SignReq.class);
            assertThat(acknowledged).succeedsWithin(WAIT);

            proxy.refuse(true);
            proxy.cutAll();
            await().atMost(WAIT).until(() -> relay.server.connectionCount() == 1);
            // made once the client knows the socket is gone: one made on the dying socket is reported lost instead
            // (the relay may have had it or not, and sending it again could sign twice)
            assertThat(noticed).succeedsWithin(WAIT);
            CompletableFuture<SignResult> during = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                    .operations(JSON.readTree("[]")).build());
            proxy.refuse(false);

            SignReq second = wallet.request(SignReq.class);
            wallet.send(SignAck.broadcast(second.uuid(), "tx-2", wallet.pok(second.uuid())));
            wallet.send(SignAck.broadcast(first.uuid(), "tx-1", wallet.pok(first.uuid())));
            assertThat(during).succeedsWithin(WAIT).satisfies(signed -> assertThat(signed.txid()).isEqualTo("tx-2"));
            assertThat(before).succeedsWithin(WAIT).satisfies(signed -> assertThat(signed.txid()).isEqualTo("tx-1"));
        }
    }
}
