package dev.hiveauth.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.protocol.chain.DynamicGlobalProperties;
import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.chain.TransactionBuilder;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.chain.rpc.HiveNodesUnavailableException;
import dev.hiveauth.protocol.chain.rpc.HiveRpcException;
import dev.hiveauth.protocol.chain.rpc.NodeFailure;
import dev.hiveauth.protocol.chain.rpc.TransactionStatus;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes of one chain behind a failing-over HiveClient: the first fails in each way a test can make it. */
class FakeHiveNodeFaultsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Short, for the faults that make a node silent; the healthy node answers well within it. */
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final String PROPERTIES = "condenser_api.get_dynamic_global_properties";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z").toEpochMilli());
    private final FakeHiveChain chain = new FakeHiveChain(clock);
    private FakeHiveNode first;
    private FakeHiveNode second;
    private HiveClient client;

    @BeforeAll
    static void warmUp() {
        // the JVM's first HTTP exchange is slow; keep it out of the 500 ms budget
        try (FakeHiveNode node = FakeHiveNode.start(Clock.systemUTC())) {
            HiveClient.builder().node(node.uri()).httpClient(HTTP).build().getDynamicGlobalProperties().join();
        }
    }

    @BeforeEach
    void startNodes() {
        first = FakeHiveNode.start(chain);
        second = FakeHiveNode.start(chain);
        client = HiveClient.builder().node(first.uri()).node(second.uri()).httpClient(HTTP).timeout(TIMEOUT).build();
    }

    @AfterEach
    void closeNodes() {
        first.close();
        second.close();
    }

    @Test
    void aNodeThatIsDownIsSkippedAndComesBackOnTheSameUri() {
        first.close();

        assertThat(client.getDynamicGlobalProperties().join().headBlockNumber()).isEqualTo(chain.headBlock().headBlockNumber());
        assertThat(first.isRunning()).isFalse();
        assertThat(second.calls(PROPERTIES)).isEqualTo(1);

        first.restart();
        HiveClient firstOnly = HiveClient.builder().node(first.uri()).httpClient(HTTP).build();
        assertThat(firstOnly.getDynamicGlobalProperties().join()).isNotNull();
        assertThat(first.calls(PROPERTIES)).isEqualTo(1);
    }

    @Test
    void aSlowNodeIsLeftForTheNextOne() {
        first.delayResponses(TIMEOUT.multipliedBy(2));

        DynamicGlobalProperties head = client.getDynamicGlobalProperties().join();

        assertThat(head.headBlockNumber()).isEqualTo(chain.headBlock().headBlockNumber());
        assertThat(first.calls(PROPERTIES)).isEqualTo(1);
        assertThat(second.calls(PROPERTIES)).isEqualTo(1);
    }

    @Test
    void heldAnswersWaitUntilReleased() {
        first.holdResponses();
        AccountKeys alice = chain.createAccount("alice");
        SignedTransaction vote = TransactionBuilder.on(chain.headBlock()).add(vote()).sign(alice.posting());

        String id = client.broadcastTransaction(vote).join();

        assertThat(chain.accepted(id)).isPresent();
        await().atMost(Duration.ofSeconds(5)).until(() -> first.heldResponses() == 1);
        first.releaseResponses();
        // the first node gets to the broadcast at last: the chain already has it
        await().atMost(Duration.ofSeconds(5)).until(() -> !chain.refused().isEmpty());
        assertThat(chain.refused().get(0).message()).contains("Duplicate transaction check failed");
        assertThat(first.heldResponses()).isZero();
    }

    @Test
    void closingANodeDropsTheRequestsItHeldUnhandled() {
        first.holdResponses();
        AccountKeys alice = chain.createAccount("alice");
        SignedTransaction vote = TransactionBuilder.on(chain.headBlock()).add(vote()).sign(alice.posting());
        HiveClient firstOnly = HiveClient.builder().node(first.uri()).httpClient(HTTP).timeout(TIMEOUT).build();

        Throwable failure = catchThrowable(() -> firstOnly.broadcastTransaction(vote).join());
        await().atMost(Duration.ofSeconds(5)).until(() -> first.heldResponses() == 1);
        first.close();

        assertThat(failure.getCause()).isInstanceOf(HiveNodesUnavailableException.class);
        assertThat(first.heldResponses()).isZero();
        assertThat(chain.accepted()).isEmpty();
        assertThat(chain.refused()).isEmpty();
    }

    @Test
    void aBroadcastWhoseAnswerWasLostIsASuccessWhenTheNextNodeSeesItsDuplicate() {
        first.loseAnswers();
        AccountKeys alice = chain.createAccount("alice");
        SignedTransaction vote = TransactionBuilder.on(chain.headBlock()).add(vote()).sign(alice.posting());

        // the first node took it and lost the answer; the second node, of the same chain, already has it
        assertThat(client.broadcastTransaction(vote).join()).isEqualTo(vote.id());
        assertThat(chain.accepted(vote.id())).isPresent();
        assertThat(second.calls("condenser_api.broadcast_transaction")).isEqualTo(1);
    }

    @Test
    void aDuplicateWithoutAnEarlierAttemptInTheSameCallIsStillARefusal() {
        AccountKeys alice = chain.createAccount("alice");
        SignedTransaction vote = TransactionBuilder.on(chain.headBlock()).add(vote()).sign(alice.posting());
        client.broadcastTransaction(vote).join();

        Throwable failure = catchThrowable(() -> client.broadcastTransaction(vote).join());

        assertThat(failure.getCause()).isInstanceOf(HiveRpcException.class)
                .hasMessageContaining("Duplicate transaction check failed");
    }

    @Test
    void http500And503AreFailedOver() {
        first.failWithStatus(503);
        assertThat(client.getDynamicGlobalProperties().join()).isNotNull();

        second.failWithStatus(500);
        Throwable failure = catchThrowable(() -> client.getDynamicGlobalProperties().join());

        assertThat(failure.getCause()).isInstanceOf(HiveNodesUnavailableException.class);
        assertThat(((HiveNodesUnavailableException) failure.getCause()).failures()).extracting(NodeFailure::reason)
                .anySatisfy(reason -> assertThat(reason).startsWith("HTTP 503"))
                .anySatisfy(reason -> assertThat(reason).startsWith("HTTP 500"));
    }

    @Test
    void malformedJsonAndDroppedConnectionsAreFailedOver() {
        first.answerMalformedJson();
        second.dropConnections();

        Throwable failure = catchThrowable(() -> client.getDynamicGlobalProperties().join());

        List<NodeFailure> failures = ((HiveNodesUnavailableException) failure.getCause()).failures();
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0).reason()).startsWith("malformed response");
        assertThat(failures.get(1).node()).isEqualTo(second.uri());
        second.heal();
        assertThat(client.getDynamicGlobalProperties().join()).isNotNull();
    }

    @Test
    void aNodeWithoutTheTransactionStatusApiIsFailedOver() {
        first.disableMethod("transaction_status_api.find_transaction");

        TransactionStatus status = client.findTransaction("00112233445566778899aabbccddeeff00112233").join();

        assertThat(status).isEqualTo(TransactionStatus.UNKNOWN);
        assertThat(first.calls("transaction_status_api.find_transaction")).isEqualTo(1);
        assertThat(second.calls("transaction_status_api.find_transaction")).isEqualTo(1);
        assertThat(client.currentNode()).isEqualTo(second.uri());
    }

    @Test
    void healingANodeMakesItAnswerAgain() {
        first.failWithStatus(503);
        first.heal();
        HiveClient firstOnly = HiveClient.builder().node(first.uri()).httpClient(HTTP).build();

        assertThat(firstOnly.getDynamicGlobalProperties().join()).isNotNull();
    }

    private static Operation vote() {
        return Operation.fromJson("[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"post\",\"weight\":100}]");
    }
}
