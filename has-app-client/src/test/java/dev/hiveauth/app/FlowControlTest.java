package dev.hiveauth.app;

import static dev.hiveauth.app.ScriptedNetwork.send;
import static dev.hiveauth.app.ScriptedNetwork.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hiveauth.protocol.message.AttachReq;
import dev.hiveauth.protocol.message.AuthAck;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.AuthWait;
import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.message.SignWait;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.ServiceAuthKey;
import dev.hiveauth.protocol.payload.SignReqData;
import dev.hiveauth.protocol.testing.ScriptedDialer.ScriptedLink;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One client carries any number of requests: it paces each connection, caps what is in flight on it, opens more
 * connections as its queue grows, keeps an authentication's requests in order on one connection, bounds its queue,
 * and sends again what a relay refused for load. Played on a scripted network with hand-moved timers.
 */
class FlowControlTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String SECRET = "service secret";
    private static final Auth ALICE = new Auth("alice", "5c2f1c1e-3b4e-4b8e-9f0e-1f2a3b4c5d6e", Long.MAX_VALUE);
    private static final JsonNode VOTE = vote("alice", "bob", "hello");

    private final ScriptedNetwork network = new ScriptedNetwork();
    private HasClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private HasClient client(FlowControl flow) {
        client = network.client().authKeySecret(SECRET).flowControl(flow).build();
        return client;
    }

    private List<CompletableFuture<AuthResult>> logins(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> client.authenticate(AuthRequest.newBuilder("user" + i).app("myapp").build())).toList();
    }

    private CompletableFuture<SignResult> vote() {
        return client.sign(SignRequest.newBuilder(ALICE).keyType(KeyType.POSTING).operations(VOTE).build());
    }

    private static JsonNode vote(String voter, String author, String permlink) {
        ArrayNode operation = JsonNodeFactory.instance.arrayNode().add("vote");
        operation.addObject().put("voter", voter).put("author", author).put("permlink", permlink).put("weight", 10000);
        return JsonNodeFactory.instance.arrayNode().add(operation);
    }

    /** The relay takes {@code request} and the service wallet approves it. */
    private void approve(ScriptedLink link, AuthReq request, String uuid) {
        send(link, new AuthWait(uuid, network.clock.millis() + 60_000, request.account()));
        String authKey = ServiceAuthKey.unwrap(request.authKey(), SECRET).orElseThrow();
        send(link, new AuthAck(uuid, new AuthAckData(network.clock.millis() + 86_400_000L).encrypt(authKey), null));
    }

    @Test
    void beyondItsBurstAConnectionSendsAtItsRate() {
        client(FlowControl.DEFAULT.withMaxConnections(1).withRate(10, 5));
        logins(20);
        ScriptedLink link = network.accept();

        assertThat(sent(link, AuthReq.class)).hasSize(5);
        network.advance(Duration.ofMillis(99));
        assertThat(sent(link, AuthReq.class)).hasSize(5);
        network.advance(Duration.ofMillis(1));
        assertThat(sent(link, AuthReq.class)).hasSize(6);
        network.advance(Duration.ofSeconds(1));
        assertThat(sent(link, AuthReq.class)).hasSize(16);
        network.advance(Duration.ofSeconds(1));
        assertThat(sent(link, AuthReq.class)).extracting(AuthReq::account)
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "user" + i).toList());
    }

    @Test
    void requestsInFlightAreCappedPerConnection_andTheNextLeavesAsOneIsAnswered() {
        client(FlowControl.DEFAULT.withMaxConnections(1).withMaxInFlightPerConnection(3));
        List<CompletableFuture<AuthResult>> logins = logins(5);
        ScriptedLink link = network.accept();
        assertThat(sent(link, AuthReq.class)).hasSize(3);

        approve(link, sent(link, AuthReq.class).get(0), "u-0");

        assertThat(logins.get(0)).isCompleted();
        assertThat(sent(link, AuthReq.class)).hasSize(4);
    }

    @Test
    void aGrowingQueueOpensMoreConnections_upToTheMaximum() {
        client(FlowControl.DEFAULT.withMaxConnections(3).withRate(1, 2));
        logins(10);

        assertThat(network.dialer.waitingDials()).isEqualTo(3);
        List<ScriptedLink> links = List.of(network.accept(), network.accept(), network.accept());
        assertThat(links).allSatisfy(link -> assertThat(sent(link, AuthReq.class)).hasSize(2));
        assertThat(links.stream().flatMap(link -> sent(link, AuthReq.class).stream()).map(AuthReq::account))
                .as("each request leaves once").doesNotHaveDuplicates();
    }

    @Test
    void theRequestsOfOneAuthenticationLeaveOnOneConnection_inTheOrderOfTheirNonces() throws Exception {
        client(FlowControl.DEFAULT.withMaxConnections(2).withRate(1, 1));
        logins(4); // enough to open a second connection
        List<CompletableFuture<SignResult>> votes = IntStream.range(0, 5).mapToObj(i -> vote()).toList();
        ScriptedLink first = network.accept();
        ScriptedLink second = network.accept();
        network.advance(Duration.ofSeconds(10));

        List<SignReq> onFirst = sent(first, SignReq.class);
        List<SignReq> onSecond = sent(second, SignReq.class);
        assertThat(List.of(onFirst.size(), onSecond.size())).containsExactlyInAnyOrder(0, 5);
        List<SignReq> signs = onFirst.isEmpty() ? onSecond : onFirst;
        List<Long> nonces = new ArrayList<>();
        for (SignReq sign : signs) {
            nonces.add(SignReqData.decrypt(sign.data(), ALICE.authKey()).orElseThrow().nonce());
        }
        assertThat(nonces).isSorted().doesNotHaveDuplicates();
        assertThat(votes).allSatisfy(vote -> assertThat(vote).isNotDone());
    }

    @Test
    void theQueueIsBounded_andARequestBeyondItFailsAtOnce() {
        client(FlowControl.DEFAULT.withMaxQueued(3));
        List<CompletableFuture<AuthResult>> logins = logins(4);

        assertThat(logins.subList(0, 3)).allSatisfy(login -> assertThat(login).isNotDone());
        assertThat(logins.get(3)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(QueueFullException.class).withMessageContaining("maxQueued");
    }

    @Test
    void aRequestThatNeverFindsRoomExpiresInTheQueue_sayingSo() {
        client(FlowControl.DEFAULT.withMaxConnections(1).withMaxInFlightPerConnection(1));
        List<CompletableFuture<AuthResult>> logins = logins(2);
        ScriptedLink link = network.accept();
        send(link, new AuthWait("u-0", network.clock.millis() + 60_000, "user0"));

        network.advance(Duration.ofSeconds(61));

        assertThat(logins.get(0)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestExpiredException.class)
                .withMessageContaining("auth_req for user0 (u-0) got no answer")
                .withMessageContaining("same secret as this client's authKeySecret");
        assertThat(logins.get(1)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestExpiredException.class)
                        .withMessageContaining("in the client's queue");
    }

    @Test
    void aRefusalForRateIsSentAgainAfterAPause_whileAStandingRefusalFails() {
        client(FlowControl.DEFAULT.withMaxConnections(1));
        List<CompletableFuture<AuthResult>> logins = logins(2);
        ScriptedLink link = network.accept();

        send(link, new ErrorMessage("rate limit exceeded: at most 50.0 messages per second"));
        send(link, new AuthWait("u-1", network.clock.millis() + 60_000, "user1"));
        assertThat(logins.get(0)).as("refused for now").isNotDone();
        network.advance(Duration.ofMillis(999));
        assertThat(sent(link, AuthReq.class)).hasSize(2);
        network.advance(Duration.ofMillis(1));
        assertThat(sent(link, AuthReq.class)).extracting(AuthReq::account).containsExactly("user0", "user1", "user0");

        send(link, new ErrorMessage("auth_req: invalid account name \"user0\": who knows"));
        assertThat(logins.get(0)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ServerErrorException.class).withMessageContaining("invalid account name");
        assertThat(logins.get(1)).isNotDone();
    }

    @Test
    void refusalsOfRequestsAlreadyOnTheirWay_doNotLengthenThePause() {
        client(FlowControl.DEFAULT.withMaxConnections(1));
        logins(4);
        ScriptedLink link = network.accept();
        for (int i = 0; i < 4; i++) {
            send(link, new ErrorMessage("rate limit exceeded: at most 50.0 messages per second"));
        }

        network.advance(Duration.ofSeconds(1));
        network.advance(Duration.ofMillis(75)); // after a pause the connection resumes at its rate: 40/s

        assertThat(sent(link, AuthReq.class)).as("all four again after one second, not eight").hasSize(8);
        send(link, new ErrorMessage("rate limit exceeded: at most 50.0 messages per second"));
        network.advance(Duration.ofMillis(1999));
        assertThat(sent(link, AuthReq.class)).as("a refusal after the pause doubles it").hasSize(8);
        network.advance(Duration.ofMillis(1));
        assertThat(sent(link, AuthReq.class)).hasSize(9);
    }

    @Test
    void anIdleExtraConnectionClosesAfterAMinute_whileTheFirstStays() {
        client(FlowControl.DEFAULT.withMaxConnections(2).withRate(1, 1));
        logins(3);
        ScriptedLink first = network.accept();
        ScriptedLink second = network.accept();
        network.advance(Duration.ofSeconds(2));
        int uuid = 0;
        for (ScriptedLink link : List.of(first, second)) {
            for (AuthReq request : sent(link, AuthReq.class)) {
                approve(link, request, "u-" + uuid++);
            }
        }

        network.advance(Duration.ofSeconds(59));
        assertThat(second.closeCode()).isNull();
        network.advance(Duration.ofSeconds(2));
        assertThat(second.closeCode()).isEqualTo(1000);
        assertThat(first.closeCode()).isNull();
    }

    @Test
    void aDroppedConnectionWithNothingPendingIsReopenedOnlyForTheNextRequest() {
        client = network.client().build();
        CompletableFuture<Connected> connected = client.connect();
        ScriptedLink first = network.accept();
        assertThat(connected).isCompleted();

        first.closeFromRelay("1001 going away");
        network.advance(Duration.ofMinutes(10));
        assertThat(network.dialer.waitingDials()).as("nothing pending: no reconnection").isZero();

        vote();
        ScriptedLink second = network.accept();
        assertThat(sent(second, SignReq.class)).hasSize(1);
    }

    @Test
    void aDropWhileRequestsWaitIsReported_thenTheReconnectionThatReattachesThem() {
        List<String> events = new ArrayList<>();
        client = network.client().listener(new ConnectionListener() {
            @Override
            public void connectionLost(URI server, String reason, int waiting, long retryInMillis) {
                events.add("lost " + server + " (" + reason + ") " + waiting + " waiting");
            }

            @Override
            public void connectionRestored(URI server, int reattached) {
                events.add("restored " + server + ", " + reattached + " reattached");
            }
        }).build();
        CompletableFuture<SignResult> vote = vote();
        ScriptedLink first = network.accept();
        send(first, new SignWait("u-1", network.clock.millis() + 60_000));

        first.closeFromRelay("1001 server shutting down");
        network.advance(Duration.ofSeconds(1));
        ScriptedLink second = network.accept();

        assertThat(sent(second, AttachReq.class)).extracting(AttachReq::uuid).containsExactly("u-1");
        assertThat(events).containsExactly(
                "lost ws://relay.example/ (closed by the relay (1001 server shutting down)) 1 waiting",
                "restored ws://relay.example/, 1 reattached");
        send(second, SignAck.broadcast("u-1", "txid", null));
        assertThat(vote).isCompleted();
    }

    @Test
    void anExpiryAfterDropsSaysHowOftenTheConnectionDropped() {
        client = network.client().build();
        CompletableFuture<SignResult> vote = vote();
        ScriptedLink first = network.accept();
        send(first, new SignWait("u-1", network.clock.millis() + 60_000));
        first.closeFromRelay("1006");
        network.advance(Duration.ofSeconds(1));
        network.accept();

        network.advance(Duration.ofSeconds(60));

        assertThat(vote).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestExpiredException.class)
                .withMessageContaining("The wallet that granted this authentication did not answer")
                .withMessageContaining("posting key")
                .withMessageContaining("dropped once");
    }

    @Test
    void aLoginNoWalletCouldReadIsRefusedBeforeAnythingIsSent() {
        client = network.client().build();

        assertThatThrownBy(() -> client.authenticate(AuthRequest.newBuilder("alice").app("myapp").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onWait")
                .hasMessageContaining("authKeySecret");
        assertThat(network.dialer.waitingDials()).isZero();
    }
}
