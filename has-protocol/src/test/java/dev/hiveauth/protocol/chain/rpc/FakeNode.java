package dev.hiveauth.protocol.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A scripted JSON-RPC node on 127.0.0.1 (JDK HttpServer, random port) that records what it was asked. */
final class FakeNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** How the node answers one request. */
    interface Script {
        Reply answer(JsonNode request) throws Exception;
    }

    /** An HTTP status and body. */
    record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Script script;

    private FakeNode(Script script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeNode answering(Script script) {
        try {
            return new FakeNode(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node that answers every request with {@code result}. */
    static FakeNode returning(String resultJson) {
        return answering(request -> result(request, resultJson));
    }

    /** A node that never answers until closed (held by a latch, not a sleep). */
    static FakeNode hanging() {
        FakeNode[] node = new FakeNode[1];
        node[0] = answering(request -> {
            node[0].released.await();
            return new Reply(503, "closing");
        });
        return node[0];
    }

    /** A URL where nothing listens: a port that was free a moment ago. */
    static URI deadNode() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply result(JsonNode request, String resultJson) throws IOException {
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("result", JSON.readTree(resultJson));
        response.set("id", request.get("id"));
        return new Reply(200, response.toString());
    }

    static Reply error(JsonNode request, int code, String message) {
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.putObject("error").put("code", code).put("message", message).putObject("data").put("name", "assert");
        response.set("id", request.get("id"));
        return new Reply(200, response.toString());
    }

    private void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(request);
            reply = script.answer(request);
        } catch (Exception e) {
            reply = new Reply(500, "fake node failed: " + e);
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    List<JsonNode> requests() {
        return requests;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
