package dev.hiveauth.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.protocol.chain.DynamicGlobalProperties;
import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake node's read methods and JSON-RPC envelope, read by HiveClient and by plain HTTP. */
class FakeHiveNodeRpcTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Instant START = Instant.parse("2026-03-01T12:00:01Z");

    private final MutableClock clock = new MutableClock(START.toEpochMilli());
    private FakeHiveNode node;
    private HiveClient client;

    @BeforeEach
    void startNode() {
        node = FakeHiveNode.start(clock);
        client = HiveClient.builder().node(node.uri()).httpClient(HTTP).timeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    @Test
    void getAccountsReturnsTheAccountsThatExistInTheCondenserShape() throws Exception {
        AccountKeys alice = node.createAccount("alice");
        node.createAccount("bob");

        List<HiveAccount> accounts = client.getAccounts(List.of("alice", "nobody", "bob")).join();

        assertThat(accounts).extracting(HiveAccount::name).containsExactly("alice", "bob");
        assertThat(accounts.get(0)).isEqualTo(alice.toAccount());
        JsonNode raw = rpc("condenser_api.get_accounts", "[[\"alice\"]]").get("result").get(0);
        assertThat(raw.get("balance").asText()).isEqualTo("0.000 HIVE");
        assertThat(raw.get("vesting_shares").asText()).isEqualTo("0.000000 VESTS");
        assertThat(raw.get("json_metadata").asText()).isEmpty();
        assertThat(raw.get("created").asText()).isEqualTo("2026-03-01T12:00:00");
        assertThat(raw.get("posting").get("key_auths").get(0).get(0).asText())
                .isEqualTo(alice.posting().publicKey().toString());
    }

    @Test
    void findAccountsAnswersTheDatabaseApiShapeWithNaiAssets() throws Exception {
        AccountKeys alice = node.createAccount("alice");

        JsonNode result = client.call("database_api.find_accounts",
                JSON.readTree("{\"accounts\":[\"alice\",\"nobody\"]}")).join();

        assertThat(result.get("accounts")).hasSize(1);
        JsonNode account = result.get("accounts").get(0);
        assertThat(HiveAccount.fromJson(account)).isEqualTo(alice.toAccount());
        assertThat(account.get("balance")).isEqualTo(JSON.readTree("{\"amount\":\"0\",\"precision\":3,\"nai\":\"@@000000021\"}"));
        assertThat(account.get("vesting_shares").get("nai").asText()).isEqualTo("@@000000037");
    }

    @Test
    void dynamicGlobalPropertiesNameTheHeadBlockWhoseIdStartsWithItsNumber() throws Exception {
        DynamicGlobalProperties head = client.getDynamicGlobalProperties().join();

        assertThat(head.headBlockNumber()).isEqualTo(ChainSettings.DEFAULT.firstBlock());
        assertThat(head.time()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        byte[] id = HexFormat.of().parseHex(head.headBlockId());
        assertThat(id).hasSize(20);
        assertThat(((id[0] & 0xFFL) << 24) | (id[1] & 0xFF) << 16 | (id[2] & 0xFF) << 8 | (id[3] & 0xFF))
                .isEqualTo(head.headBlockNumber());
        JsonNode raw = rpc("condenser_api.get_dynamic_global_properties", "[]").get("result");
        assertThat(raw.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        assertThat(raw.get("last_irreversible_block_num").asLong()).isEqualTo(head.headBlockNumber() - 20);
        assertThat(raw.get("current_supply").asText()).endsWith(" HIVE");
        assertThat(raw.get("maximum_block_size").asInt()).isPositive();
    }

    @Test
    void theHeadBlockMovesEveryThreeSecondsOfTheClockAndWhenTheTestProducesBlocks() {
        long first = node.chain().headBlock().headBlockNumber();

        // the clock starts 1 s after the head block's time: the next block is 2 s away
        clock.advance(Duration.ofMillis(1900));
        assertThat(node.chain().headBlock().headBlockNumber()).isEqualTo(first);
        clock.advance(Duration.ofMillis(100));
        assertThat(node.chain().headBlock().headBlockNumber()).isEqualTo(first + 1);
        node.chain().produceBlocks(5);
        DynamicGlobalProperties head = client.getDynamicGlobalProperties().join();

        assertThat(head.headBlockNumber()).isEqualTo(first + 6);
        assertThat(head.time()).isEqualTo(Instant.parse("2026-03-01T12:00:18Z"));
        assertThat(head.headBlockId()).isNotEqualTo(BlockSchedule.idHex(first + 5));
    }

    @Test
    void anUnknownMethodIsMethodNotFound() throws Exception {
        JsonNode response = rpc("condenser_api.get_block", "[1]");

        assertThat(response.get("error").get("code").asInt()).isEqualTo(-32601);
        assertThat(response.get("error").get("message").asText()).isEqualTo("method not found");
        assertThat(response.get("id").asInt()).isEqualTo(7);
        assertThat(node.calls("condenser_api.get_block")).isEqualTo(1);
    }

    @Test
    void malformedRequestsAreParseErrorsOrInvalidRequests() throws Exception {
        assertThat(post("{\"jsonrpc\":").get("error").get("code").asInt()).isEqualTo(-32700);
        assertThat(post("\"hello\"").get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(post("{\"jsonrpc\":\"1.0\",\"method\":\"condenser_api.get_accounts\",\"id\":1}")
                .get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":1}").get("error").get("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void wrongParametersGetHivedsAssertionMessages() throws Exception {
        JsonNode noArguments = rpc("condenser_api.get_accounts", "[]").get("error");
        JsonNode notAList = rpc("condenser_api.get_accounts", "[\"alice\"]").get("error");

        assertThat(noArguments.get("code").asInt()).isEqualTo(-32000);
        assertThat(noArguments.get("message").asText())
                .isEqualTo("Assert Exception:args.size() == 1: Expected 1 argument(s), was 0");
        assertThat(notAList.get("message").asText()).isEqualTo("Bad Cast:Invalid cast from string_type to Array");
    }

    @Test
    void theOldCallFormAndBatchesAreServed() throws Exception {
        node.createAccount("alice");

        JsonNode viaCall = rpc("call", "[\"condenser_api\",\"get_accounts\",[[\"alice\"]]]");
        JsonNode batch = post("[{\"jsonrpc\":\"2.0\",\"method\":\"condenser_api.get_dynamic_global_properties\","
                + "\"params\":[],\"id\":1},{\"jsonrpc\":\"2.0\",\"method\":\"nope.nope\",\"id\":2}]");

        assertThat(viaCall.get("result").get(0).get("name").asText()).isEqualTo("alice");
        assertThat(batch).hasSize(2);
        assertThat(batch.get(0).has("result")).isTrue();
        assertThat(batch.get(1).get("error").get("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void callsAreCountedPerMethod() {
        client.getDynamicGlobalProperties().join();
        client.getDynamicGlobalProperties().join();
        client.getAccounts(List.of("alice")).join();

        assertThat(node.calls("condenser_api.get_dynamic_global_properties")).isEqualTo(2);
        assertThat(node.calls()).containsEntry("condenser_api.get_accounts", 1)
                .containsEntry("condenser_api.get_dynamic_global_properties", 2);
        assertThat(node.calls("condenser_api.broadcast_transaction")).isZero();
    }

    private JsonNode rpc(String method, String params) throws IOException, InterruptedException {
        return post("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":7}");
    }

    private JsonNode post(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(node.uri())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
