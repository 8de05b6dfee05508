package dev.hiveauth.protocol.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.protocol.chain.AccountName;
import dev.hiveauth.protocol.chain.ChainFormatException;
import dev.hiveauth.protocol.chain.DynamicGlobalProperties;
import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.chain.HiveTime;
import dev.hiveauth.protocol.chain.SignedTransaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An asynchronous JSON-RPC 2.0 client for Hive nodes over {@code java.net.http}, with failover.
 *
 * <p>Each call starts at the node that last answered (at first, the first one listed) and moves on to the
 * next in list order, wrapping around, while a node fails: connection errors, no answer within the
 * timeout, HTTP status outside 2xx, a body that is not a JSON-RPC response, a result that cannot be read,
 * or JSON-RPC "method not found" (a node without that API plugin). A JSON-RPC error object is the chain's
 * answer (missing authority, TaPoS, duplicate transaction…): the call completes with a
 * {@link HiveRpcException} at once, without asking other nodes. When every node failed the call
 * completes with a {@link HiveNodesUnavailableException} naming each node and why. Each node is tried at
 * most once per call, so a call takes at most (number of nodes × timeout).
 *
 * <p>Nothing blocks the caller: futures complete on the HTTP client's executor (the common pool for the
 * default client). Cancelling a returned future stops the failover. Nothing is logged.
 */
public final class HiveClient {
    /** What hived answers for a transaction it already has: {@code "Duplicate transaction check failed"}. */
    private static final String DUPLICATE_TRANSACTION = "Duplicate transaction";

    private final List<URI> nodes;
    private final Duration timeout;
    private final HttpClient http;
    private final Executor callbacks;
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicLong requestIds = new AtomicLong();

    private HiveClient(Builder builder) {
        this.nodes = List.copyOf(builder.nodes);
        this.timeout = builder.timeout;
        this.http = builder.http != null ? builder.http
                : HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        // a timeout fires on the JDK's single delay thread: hop off it before running anyone's continuation
        this.callbacks = http.executor().orElse(ForkJoinPool.commonPool());
    }

    /** A builder; at least one node is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The nodes, in failover order. */
    public List<URI> nodes() {
        return nodes;
    }

    /** The node the next call starts with: the one that answered last. */
    public URI currentNode() {
        return nodes.get(current.get());
    }

    /**
     * {@code condenser_api.get_accounts}: the accounts that exist among {@code names}, in the node's order.
     * An invalid name throws {@link ChainFormatException} at once, before any request.
     */
    public CompletableFuture<List<HiveAccount>> getAccounts(List<String> names) {
        names.forEach(AccountName::requireValid);
        if (names.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        ArrayNode params = JsonRpcExchange.MAPPER.createArrayNode();
        ArrayNode list = params.addArray();
        names.forEach(list::add);
        return call("condenser_api.get_accounts", params, result -> {
            if (!result.isArray()) {
                throw new ChainFormatException("result", "expected an array of accounts");
            }
            List<HiveAccount> accounts = new ArrayList<>();
            result.forEach(account -> accounts.add(HiveAccount.fromJson(account)));
            return List.copyOf(accounts);
        });
    }

    /** {@code condenser_api.get_dynamic_global_properties}: head block and time, for a transaction's TaPoS. */
    public CompletableFuture<DynamicGlobalProperties> getDynamicGlobalProperties() {
        return call("condenser_api.get_dynamic_global_properties", JsonRpcExchange.MAPPER.createArrayNode(),
                DynamicGlobalProperties::fromJson);
    }

    /**
     * {@code condenser_api.broadcast_transaction}; completes with the transaction id computed locally once a
     * node accepted it (the asynchronous call only says the node took it, not that a block includes it).
     */
    public CompletableFuture<String> broadcastTransaction(SignedTransaction transaction) {
        ArrayNode params = JsonRpcExchange.MAPPER.createArrayNode().add(transaction.toJson());
        String id = transaction.id();
        // A node may take the transaction and lose its answer; the next node then finds it already known.
        // After a failover within this call, "Duplicate transaction" means our own earlier attempt landed.
        Function<HiveRpcException, String> ownDuplicate =
                refusal -> refusal.nodeMessage().contains(DUPLICATE_TRANSACTION) ? id : null;
        return call("condenser_api.broadcast_transaction", params, result -> {
            if (!result.isObject()) {
                throw new ChainFormatException("result", "expected {}, got " + result);
            }
            return id;
        }, ownDuplicate);
    }

    /** {@code transaction_status_api.find_transaction} for a 40-hex-character transaction id. */
    public CompletableFuture<TransactionStatus> findTransaction(String transactionId) {
        return findTransaction(transactionId, null);
    }

    /** As {@link #findTransaction(String)}; the expiration, when known, lets the node answer "expired". */
    public CompletableFuture<TransactionStatus> findTransaction(String transactionId, Instant expiration) {
        if (transactionId == null || !transactionId.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("a transaction id is 40 lower-case hex characters, got " + transactionId);
        }
        ObjectNode params = JsonRpcExchange.MAPPER.createObjectNode().put("transaction_id", transactionId);
        if (expiration != null) {
            params.put("expiration", HiveTime.format(expiration));
        }
        return call("transaction_status_api.find_transaction", params, result -> {
            String status = result.path("status").asText("");
            return TransactionStatus.fromJsonName(status).orElseThrow(() ->
                    new ChainFormatException("result.status", "unknown transaction status \"" + status + "\""));
        });
    }

    /** Any other method: completes with the raw {@code result}. */
    public CompletableFuture<JsonNode> call(String method, JsonNode params) {
        return call(method, params, Function.identity());
    }

    private <T> CompletableFuture<T> call(String method, JsonNode params, Function<JsonNode, T> reader) {
        return call(method, params, reader, refusal -> null);
    }

    /**
     * {@code afterFailover} may turn a chain refusal that comes after this call already failed over into a
     * result (null: it stays a refusal).
     */
    private <T> CompletableFuture<T> call(String method, JsonNode params, Function<JsonNode, T> reader,
                                          Function<HiveRpcException, T> afterFailover) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        long id = requestIds.incrementAndGet();
        Call<T> call = new Call<>(method, id, JsonRpcExchange.request(id, method, params), reader, afterFailover,
                current.get());
        attempt(call, 0);
        return call.result;
    }

    /** One call's progress through the nodes. */
    private record Call<T>(String method, long id, String body, Function<JsonNode, T> reader,
                           Function<HiveRpcException, T> afterFailover, int start,
                           List<NodeFailure> failures, CompletableFuture<T> result) {
        Call(String method, long id, String body, Function<JsonNode, T> reader,
             Function<HiveRpcException, T> afterFailover, int start) {
            this(method, id, body, reader, afterFailover, start, new ArrayList<>(), new CompletableFuture<>());
        }
    }

    private <T> void attempt(Call<T> call, int tried) {
        if (call.result().isDone()) {
            return; // cancelled by the caller: ask no more nodes
        }
        if (tried == nodes.size()) {
            call.result().completeExceptionally(new HiveNodesUnavailableException(call.method(), call.failures()));
            return;
        }
        int index = (call.start() + tried) % nodes.size();
        URI node = nodes.get(index);
        HttpRequest request = HttpRequest.newBuilder(node)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            failed(call, tried, node, describe(e));
            return;
        }
        // the request timeout covers the wait for headers; this one also covers a body that trickles in
        sent.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((response, error) -> {
            if (error != null) {
                sent.cancel(true);
                failed(call, tried, node, describe(error));
                return;
            }
            JsonRpcExchange.Outcome outcome =
                    JsonRpcExchange.interpret(node, call.method(), call.id(), response.statusCode(), response.body());
            if (outcome instanceof JsonRpcExchange.Refusal refusal) {
                current.set(index);
                T recovered = call.failures().isEmpty() ? null : call.afterFailover().apply(refusal.exception());
                if (recovered != null) {
                    call.result().complete(recovered);
                } else {
                    call.result().completeExceptionally(refusal.exception());
                }
            } else if (outcome instanceof JsonRpcExchange.Failure failure) {
                failed(call, tried, node, failure.reason());
            } else {
                read(call, tried, index, ((JsonRpcExchange.Answer) outcome).result());
            }
        }, callbacks);
    }

    private <T> void read(Call<T> call, int tried, int index, JsonNode result) {
        T value;
        try {
            value = call.reader().apply(result);
        } catch (RuntimeException e) {
            failed(call, tried, nodes.get(index), "malformed result: " + e.getMessage());
            return;
        }
        current.set(index);
        call.result().complete(value);
    }

    private <T> void failed(Call<T> call, int tried, URI node, String reason) {
        call.failures().add(new NodeFailure(node, reason));
        attempt(call, tried + 1);
    }

    private String describe(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** Configures a {@link HiveClient}: at least one node URL; timeout 10 s unless set. */
    public static final class Builder {
        private final List<URI> nodes = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(10);
        private HttpClient http;

        private Builder() {
        }

        /** Adds a node, e.g. {@code https://api.hive.blog}. */
        public Builder node(String url) {
            return node(URI.create(url));
        }

        /** Adds a node to call, an http or https URL. */
        public Builder node(URI url) {
            String scheme = url.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("a Hive node URL must be http or https, got " + url);
            }
            nodes.add(url);
            return this;
        }

        /** Adds each of the nodes, in order. */
        public Builder nodes(Collection<String> urls) {
            urls.forEach(this::node);
            return this;
        }

        /** How long to wait for one node's answer before trying the next. */
        public Builder timeout(Duration timeout) {
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Uses this client (its executor, proxy, TLS settings) instead of a new HTTP/1.1 one. */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /** The client, failing over across the nodes in the order they were added. */
        public HiveClient build() {
            if (nodes.isEmpty()) {
                throw new IllegalStateException("a HiveClient needs at least one node URL");
            }
            return new HiveClient(this);
        }
    }
}
