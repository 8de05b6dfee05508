package dev.hiveauth.protocol.chain.rpc;

import static dev.hiveauth.protocol.chain.rpc.FakeNode.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.chain.Authority;
import dev.hiveauth.protocol.chain.ChainFormatException;
import dev.hiveauth.protocol.chain.DynamicGlobalProperties;
import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.chain.HiveTime;
import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.chain.TransactionBuilder;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HiveClient against fake nodes on 127.0.0.1: each call, then each way a node can fail. */
class HiveClientTest {
    /** For the tests with a node that never answers; the others wait longer so a busy machine cannot fail them. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Shared and warmed up once, so the 200 ms tests do not pay for the JVM's first HTTP request. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Account "hiveio" as the devportal's condenser_api example shows it, trimmed. */
    private static final String HIVEIO = "{\"id\":1,\"name\":\"hiveio\",\"owner\":{\"weight_threshold\":1,\"account_auths\":[],"
            + "\"key_auths\":[[\"STM65PUAPA4yC4RgPtGgsPupxT6yJtMhmT5JHFdsT3uoCbR8WJ25s\",1]]},"
            + "\"active\":{\"weight_threshold\":1,\"account_auths\":[],"
            + "\"key_auths\":[[\"STM69zfrFGnZtU3gWFWpQJ6GhND1nz7TJsKBTjcWfebS1JzBEweQy\",1]]},"
            + "\"posting\":{\"weight_threshold\":1,\"account_auths\":[[\"threespeak\",1],[\"vimm.app\",1]],"
            + "\"key_auths\":[[\"STM6vJmrwaX5TjgTS9dPH8KsArso5m91fVodJvv91j7G765wqcNM9\",1]]},"
            + "\"memo_key\":\"STM7wrsg1BZogeK7X3eG4ivxmLaH69FomR8rLkBbepb3z3hm5SbXu\","
            + "\"json_metadata\":\"{}\",\"balance\":\"11.303 HIVE\",\"savings_balance\":\"0.000 HIVE\"}";
    private static final String PROPS = "{\"head_block_number\":1097,\"head_block_id\":"
            + "\"00000449f7860b82b4fbe2f317c670e9f01d6d9a\",\"time\":\"2026-11-22T20:00:00\",\"current_witness\":\"gtg\"}";

    private final List<FakeNode> nodes = new ArrayList<>();

    private FakeNode node(FakeNode node) {
        nodes.add(node);
        return node;
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(FakeNode::close);
    }

    @BeforeAll
    static void warmUp() {
        try (FakeNode node = FakeNode.returning(PROPS)) {
            HiveClient.builder().node(node.uri()).httpClient(HTTP).build().getDynamicGlobalProperties().join();
        }
    }

    private static HiveClient client(URI... urls) {
        return client(TIMEOUT, urls);
    }

    private static HiveClient client(Duration timeout, URI... urls) {
        HiveClient.Builder builder = HiveClient.builder().timeout(timeout).httpClient(HTTP);
        for (URI url : urls) {
            builder.node(url);
        }
        return builder.build();
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        assertThatThrownBy(future::join).isInstanceOf(CompletionException.class);
        return future.handle((value, error) -> error instanceof CompletionException ? error.getCause() : error).join();
    }

    private static SignedTransaction signedVote() {
        DynamicGlobalProperties head = new DynamicGlobalProperties(1097, "00000449f7860b82b4fbe2f317c670e9f01d6d9a",
                HiveTime.parse("2026-11-22T20:00:00"));
        Operation vote = Operation.fromJson("[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"p\",\"weight\":100}]");
        return TransactionBuilder.on(head).add(vote).sign(PrivateKey.fromSeed("alice-posting"));
    }

    @Test
    void getAccountsReadsNamesAndKeys() {
        FakeNode fake = node(FakeNode.returning("[" + HIVEIO + "]"));
        List<HiveAccount> accounts = client(fake.uri()).getAccounts(List.of("hiveio", "nobody-here")).join();

        JsonNode request = fake.requests().get(0);
        assertThat(request.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(request.get("method").asText()).isEqualTo("condenser_api.get_accounts");
        assertThat(request.get("params")).isEqualTo(JSON.createArrayNode().add(JSON.createArrayNode().add("hiveio").add("nobody-here")));

        assertThat(accounts).hasSize(1);
        HiveAccount hiveio = accounts.get(0);
        assertThat(hiveio.name()).isEqualTo("hiveio");
        assertThat(hiveio.active()).isEqualTo(Authority.ofKey(PublicKey.fromString("STM69zfrFGnZtU3gWFWpQJ6GhND1nz7TJsKBTjcWfebS1JzBEweQy")));
        assertThat(hiveio.posting().accountAuths()).containsKeys("threespeak", "vimm.app");
        assertThat(hiveio.memoKey()).hasToString("STM7wrsg1BZogeK7X3eG4ivxmLaH69FomR8rLkBbepb3z3hm5SbXu");
    }

    @Test
    void getAccountsOfNobodyAsksNoNodeAndRefusesInvalidNames() {
        FakeNode fake = node(FakeNode.returning("[]"));
        HiveClient client = client(fake.uri());
        assertThat(client.getAccounts(List.of()).join()).isEmpty();
        assertThat(fake.requests()).isEmpty();
        assertThatThrownBy(() -> client.getAccounts(List.of("Not Valid")))
                .isInstanceOf(ChainFormatException.class)
                .hasMessageContaining("\"Not Valid\" is not a valid account name");
    }

    @Test
    void getDynamicGlobalPropertiesReadsTheHeadBlock() {
        FakeNode fake = node(FakeNode.returning(PROPS));
        DynamicGlobalProperties props = client(fake.uri()).getDynamicGlobalProperties().join();
        assertThat(fake.requests().get(0).get("method").asText()).isEqualTo("condenser_api.get_dynamic_global_properties");
        assertThat(fake.requests().get(0).get("params")).isEqualTo(JSON.createArrayNode());
        assertThat(props.refBlockNum()).isEqualTo(1097);
        assertThat(props.refBlockPrefix()).isEqualTo(2181793527L);
        assertThat(props.time()).isEqualTo(HiveTime.parse("2026-11-22T20:00:00"));
    }

    @Test
    void broadcastSendsTheSignedJsonAndReturnsTheLocalId() {
        FakeNode fake = node(FakeNode.returning("{}"));
        SignedTransaction transaction = signedVote();
        String id = client(fake.uri()).broadcastTransaction(transaction).join();

        assertThat(id).isEqualTo(transaction.id());
        JsonNode request = fake.requests().get(0);
        assertThat(request.get("method").asText()).isEqualTo("condenser_api.broadcast_transaction");
        assertThat(request.get("params")).hasSize(1);
        assertThat(SignedTransaction.fromJson(request.get("params").get(0))).isEqualTo(transaction);
    }

    @Test
    void findTransactionAsksTheStatusApi() {
        FakeNode fake = node(FakeNode.returning("{\"status\":\"within_irreversible_block\"}"));
        HiveClient client = client(fake.uri());
        String id = signedVote().id();

        assertThat(client.findTransaction(id, HiveTime.parse("2026-11-22T20:01:00")).join())
                .isEqualTo(TransactionStatus.WITHIN_IRREVERSIBLE_BLOCK);
        JsonNode request = fake.requests().get(0);
        assertThat(request.get("method").asText()).isEqualTo("transaction_status_api.find_transaction");
        assertThat(request.get("params")).isEqualTo(JSON.createObjectNode()
                .put("transaction_id", id).put("expiration", "2026-11-22T20:01:00"));

        assertThat(client.findTransaction(id).join().isInBlock()).isTrue();
        assertThat(fake.requests().get(1).get("params").has("expiration")).isFalse();
        assertThatThrownBy(() -> client.findTransaction("XYZ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsOverFromADeadNodeAndThenStartsAtTheNodeThatAnswered() {
        FakeNode good = node(FakeNode.returning(PROPS));
        URI dead = FakeNode.deadNode();
        HiveClient client = client(dead, good.uri());

        assertThat(client.getDynamicGlobalProperties().join().refBlockNum()).isEqualTo(1097);
        assertThat(client.currentNode()).isEqualTo(good.uri());
    }

    @Test
    void rememberedNodeIsAskedFirstNextTime() {
        FakeNode broken = node(FakeNode.answering(request -> new FakeNode.Reply(500, "upstream exploded")));
        FakeNode good = node(FakeNode.returning(PROPS));
        HiveClient client = client(broken.uri(), good.uri());

        client.getDynamicGlobalProperties().join();
        client.getDynamicGlobalProperties().join();
        assertThat(broken.requests()).hasSize(1);
        assertThat(good.requests()).hasSize(2);
    }

    @Test
    void failsOverFromASlowNodeAfterTheTimeout() {
        FakeNode slow = node(FakeNode.hanging());
        FakeNode good = node(FakeNode.returning(PROPS));
        HiveClient client = client(SHORT_TIMEOUT, slow.uri(), good.uri());

        assertThat(client.getDynamicGlobalProperties().join().headBlockNumber()).isEqualTo(1097);
        assertThat(slow.requests()).hasSize(1);
        assertThat(client.currentNode()).isEqualTo(good.uri());
    }

    @Test
    void failsOverFromMalformedAnswers() {
        FakeNode notJson = node(FakeNode.answering(request -> new FakeNode.Reply(200, "<html>Bad gateway</html>")));
        FakeNode noResult = node(FakeNode.answering(request -> new FakeNode.Reply(200, "{\"jsonrpc\":\"2.0\",\"id\":"
                + request.get("id") + "}")));
        FakeNode wrongId = node(FakeNode.answering(request -> new FakeNode.Reply(200,
                "{\"jsonrpc\":\"2.0\",\"result\":" + PROPS + ",\"id\":-7}")));
        FakeNode badResult = node(FakeNode.returning("{\"head_block_number\":1}"));
        FakeNode noPlugin = node(FakeNode.answering(request -> FakeNode.error(request, -32601, "Could not find method")));
        FakeNode good = node(FakeNode.returning(PROPS));
        HiveClient client = client(notJson.uri(), noResult.uri(), wrongId.uri(), badResult.uri(), noPlugin.uri(), good.uri());

        assertThat(client.getDynamicGlobalProperties().join().headBlockNumber()).isEqualTo(1097);
        assertThat(List.of(notJson, noResult, wrongId, badResult, noPlugin, good))
                .allSatisfy(node -> assertThat(node.requests()).hasSize(1));
    }

    @Test
    void aChainErrorIsFinalAndTyped() {
        FakeNode refusing = node(FakeNode.answering(request -> FakeNode.error(request, -32000,
                "missing required posting authority:Missing Posting Authority alice")));
        FakeNode other = node(FakeNode.returning("{}"));
        HiveClient client = client(refusing.uri(), other.uri());

        Throwable failure = failureOf(client.broadcastTransaction(signedVote()));
        assertThat(failure).isInstanceOf(HiveRpcException.class)
                .hasMessage("condenser_api.broadcast_transaction on " + refusing.uri()
                        + " returned error -32000: missing required posting authority:Missing Posting Authority alice");
        HiveRpcException rpc = (HiveRpcException) failure;
        assertThat(rpc.code()).isEqualTo(-32000);
        assertThat(rpc.nodeMessage()).startsWith("missing required posting authority");
        assertThat(rpc.node()).isEqualTo(refusing.uri());
        assertThat(rpc.data()).hasValueSatisfying(data -> assertThat(data.get("name").asText()).isEqualTo("assert"));
        assertThat(other.requests()).isEmpty();
        assertThat(client.currentNode()).isEqualTo(refusing.uri());
    }

    @Test
    void whenEveryNodeFailsTheErrorListsEachNodeAndWhy() {
        URI dead = FakeNode.deadNode();
        FakeNode slow = node(FakeNode.hanging());
        FakeNode broken = node(FakeNode.answering(request -> new FakeNode.Reply(503, "")));
        FakeNode garbage = node(FakeNode.answering(request -> new FakeNode.Reply(200, "{nope")));
        HiveClient client = client(SHORT_TIMEOUT, dead, slow.uri(), broken.uri(), garbage.uri());

        Throwable failure = failureOf(client.getAccounts(List.of("alice")));
        assertThat(failure).isInstanceOf(HiveNodesUnavailableException.class)
                .hasMessageStartingWith("condenser_api.get_accounts: all 4 Hive nodes failed: " + dead + " (");
        List<NodeFailure> failures = ((HiveNodesUnavailableException) failure).failures();
        assertThat(failures).extracting(NodeFailure::node).containsExactly(dead, slow.uri(), broken.uri(), garbage.uri());
        assertThat(failures.get(0).reason()).contains("ConnectException");
        assertThat(failures.get(1).reason()).isEqualTo("no answer within 200 ms");
        assertThat(failures.get(2).reason()).isEqualTo("HTTP 503");
        assertThat(failures.get(3).reason()).isEqualTo("malformed response, not JSON: {nope");
        assertThat(client.currentNode()).isEqualTo(dead);
    }

    @Test
    void rawCallsReturnTheResult() {
        FakeNode fake = node(FakeNode.returning("{\"accounts\":[]}"));
        JsonNode result = client(fake.uri())
                .call("database_api.find_accounts", JSON.createObjectNode().set("accounts", JSON.createArrayNode().add("x")))
                .join();
        assertThat(result.get("accounts")).isEmpty();
        assertThat(fake.requests().get(0).get("method").asText()).isEqualTo("database_api.find_accounts");
    }

    @Test
    void theBuilderRefusesWhatCannotWork() {
        assertThatThrownBy(() -> HiveClient.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessage("a HiveClient needs at least one node URL");
        assertThatThrownBy(() -> HiveClient.builder().node("wss://api.hive.blog"))
                .hasMessage("a Hive node URL must be http or https, got wss://api.hive.blog");
        assertThatThrownBy(() -> HiveClient.builder().timeout(Duration.ZERO)).hasMessage("timeout must be positive, got PT0S");
    }

    @Test
    void usesAnInjectedHttpClient() {
        FakeNode fake = node(FakeNode.returning(PROPS));
        HttpClient http = HttpClient.newBuilder().build();
        HiveClient client = HiveClient.builder().node(fake.uri()).timeout(TIMEOUT).httpClient(http).build();
        assertThat(client.getDynamicGlobalProperties().join().headBlockNumber()).isEqualTo(1097);
        assertThat(client.nodes()).containsExactly(fake.uri());
    }
}
