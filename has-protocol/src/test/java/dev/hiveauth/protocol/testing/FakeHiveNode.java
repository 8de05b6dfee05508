package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Hive API node for tests: JSON-RPC 2.0 over HTTP on 127.0.0.1 (a random port), serving a
 * {@link FakeHiveChain} with the methods the HiveAuth roles use: {@code condenser_api.get_accounts},
 * {@code database_api.find_accounts}, {@code condenser_api.get_dynamic_global_properties},
 * {@code condenser_api.broadcast_transaction} (checked as hived checks it) and
 * {@code transaction_status_api.find_transaction}. Tests can take it down, slow it, hold its answers, make
 * it answer HTTP errors or broken JSON, and count the calls it got.
 *
 * <pre>{@code
 * try (FakeHiveNode node = FakeHiveNode.start(clock)) {
 *     AccountKeys alice = node.chain().createAccount("alice");
 *     HiveClient client = HiveClient.builder().node(node.uri()).build();
 *     ...
 * }
 * }</pre>
 */
public final class FakeHiveNode implements AutoCloseable {
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final AtomicInteger NODES = new AtomicInteger();

    private final FakeHiveChain chain;
    private final NodeFaults faults = new NodeFaults();
    private final JsonRpcHandler rpc;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final String name = "fake-hive-node-" + NODES.incrementAndGet();
    private HttpServer server;
    private volatile ExecutorService executor;
    private volatile int port;

    private FakeHiveNode(FakeHiveChain chain) {
        this.chain = chain;
        this.rpc = new JsonRpcHandler(new NodeApi(chain), faults);
    }

    /** A node serving {@code chain}; several nodes may serve one chain, like API nodes of one network. */
    public static FakeHiveNode start(FakeHiveChain chain) {
        FakeHiveNode node = new FakeHiveNode(chain);
        node.listen(0);
        return node;
    }

    /** A node with a chain of its own, on the default {@link ChainSettings}. */
    public static FakeHiveNode start(Clock clock) {
        return start(new FakeHiveChain(clock));
    }

    private synchronized void listen(int wantedPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + wantedPort, e);
        }
        AtomicInteger threads = new AtomicInteger();
        // a cached pool: held and delayed answers each keep a thread, and the others must not wait behind them
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/}; the same after {@link #restart()}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public FakeHiveChain chain() {
        return chain;
    }

    /** Shorthand for {@code chain().createAccount(name)}. */
    public AccountKeys createAccount(String accountName) {
        return chain.createAccount(accountName);
    }

    /** Shorthand for {@code chain().accepted()}. */
    public List<AcceptedTransaction> accepted() {
        return chain.accepted();
    }

    /** Shorthand for {@code chain().awaitAccepted(transactionId)}. */
    public AcceptedTransaction awaitAccepted(String transactionId) {
        return chain.awaitAccepted(transactionId);
    }

    /** How many requests named {@code method} reached this node (answered or not). */
    public int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    /** Requests per method so far, sorted by method. */
    public Map<String, Integer> calls() {
        Map<String, Integer> snapshot = new TreeMap<>();
        calls.forEach((method, count) -> snapshot.put(method, count.get()));
        return snapshot;
    }

    /** Each answer waits this long first (the request is handled after the wait, like a busy node's). */
    public void delayResponses(Duration delay) {
        faults.delay(delay);
    }

    /**
     * Requests wait unhandled until {@link #releaseResponses()} or {@link #heal()}; {@link #close()} drops them
     * unhandled.
     */
    public void holdResponses() {
        faults.hold();
    }

    public void releaseResponses() {
        faults.release();
    }

    /** How many requests are waiting for {@link #releaseResponses()} now. */
    public int heldResponses() {
        return faults.held();
    }

    /** Answers every request with this HTTP status and an nginx-like page, like a node behind a failing proxy. */
    public void failWithStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        faults.answer(NodeFaults.Answer.HTTP_STATUS, status);
    }

    /** Answers HTTP 200 with a JSON body cut off in the middle. */
    public void answerMalformedJson() {
        faults.answer(NodeFaults.Answer.MALFORMED_JSON, 200);
    }

    /** Closes each connection without answering, and without handling the request. */
    public void dropConnections() {
        faults.answer(NodeFaults.Answer.DROP_CONNECTION, 0);
    }

    /**
     * Handles each request, then closes the connection without answering: a broadcast takes effect but the
     * client cannot know, as when a node's answer is lost on the way back.
     */
    public void loseAnswers() {
        faults.answer(NodeFaults.Answer.LOSE_ANSWER, 0);
    }

    /** Answers {@code method} with -32601 "method not found", like a node without that API plugin. */
    public void disableMethod(String method) {
        faults.disable(method);
    }

    /** Undoes every fault above: answers normally, held answers go out. */
    public void heal() {
        faults.clear();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Brings a closed node back on the same port (its chain kept all it had). */
    public synchronized void restart() {
        if (server == null) {
            listen(port);
        }
    }

    /**
     * Takes the node down: the port stops listening and requests in progress are dropped unhandled (held and
     * delayed ones included). Once this returns the node does nothing more until {@link #restart()}.
     */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        executor.shutdownNow();
        server.stop(0);
        faults.release();
        server = null;
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + "[" + uri() + ", " + chain + "]";
    }

    private void handle(HttpExchange exchange) {
        ExecutorService serving = executor;
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                request = null;
            }
            countCalls(request);
            faults.stall();
            if (serving.isShutdown()) {
                return; // the node was closed while this request waited: a node that is down handles nothing
            }
            switch (faults.answer()) {
                case HTTP_STATUS -> send(exchange, faults.status(), "text/html", errorPage(faults.status()));
                case MALFORMED_JSON -> send(exchange, 200, "application/json", "{\"jsonrpc\":\"2.0\",\"result\":{\"head_block");
                case DROP_CONNECTION -> {
                    // closing the exchange before any header was sent closes the connection
                }
                case LOSE_ANSWER -> rpc.answer(request);
                case NORMAL -> send(exchange, 200, "application/json", rpc.answer(request).toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the client went away or the node was closed under it: nobody is left to answer
        }
    }

    private void countCalls(JsonNode request) {
        if (request != null && request.isArray()) {
            request.forEach(this::countCalls);
        } else if (request != null && request.path("method").isTextual()) {
            calls.computeIfAbsent(request.get("method").textValue(), method -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static String errorPage(int status) {
        return "<html>\r\n<head><title>" + status + " Error</title></head>\r\n<body>\r\n<center><h1>" + status
                + " Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
