package dev.hiveauth.protocol.chain.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/** Writes one JSON-RPC 2.0 request and sorts a node's HTTP answer into result, chain error or node failure. */
final class JsonRpcExchange {
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /** JSON-RPC "method not found": the node lacks that API plugin (transaction_status_api is optional). */
    private static final long METHOD_NOT_FOUND = -32601;

    /** What a node's answer amounts to. */
    sealed interface Outcome permits Answer, Refusal, Failure {
    }

    /** A {@code result} to read. */
    record Answer(JsonNode result) implements Outcome {
    }

    /** A JSON-RPC error from the chain: final, no failover. */
    record Refusal(HiveRpcException exception) implements Outcome {
    }

    /** The node could not answer usefully: try the next one. */
    record Failure(String reason) implements Outcome {
    }

    private JsonRpcExchange() {
    }

    static String request(long id, String method, JsonNode params) {
        ObjectNode request = MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("method", method);
        request.set("params", params);
        request.put("id", id);
        return request.toString();
    }

    static Outcome interpret(URI node, String method, long id, int status, String body) {
        if (status < 200 || status > 299) {
            return new Failure("HTTP " + status + (body.isBlank() ? "" : ": " + snippet(body)));
        }
        JsonNode response;
        try {
            response = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return new Failure("malformed response, not JSON: " + snippet(body));
        }
        if (response == null || !response.isObject()) {
            return new Failure("malformed response, not a JSON-RPC object: " + snippet(body));
        }
        JsonNode responseId = response.get("id");
        if (responseId != null && !responseId.isNull() && responseId.asLong(Long.MIN_VALUE) != id) {
            return new Failure("malformed response, id " + responseId + " does not match request id " + id);
        }
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            long code = error.path("code").asLong(0);
            String message = error.path("message").asText(error.toString());
            if (code == METHOD_NOT_FOUND) {
                return new Failure("method not found: " + message);
            }
            return new Refusal(new HiveRpcException(node, method, code, message, error.get("data")));
        }
        if (!response.has("result")) {
            return new Failure("malformed response, neither result nor error: " + snippet(body));
        }
        return new Answer(response.get("result"));
    }

    static String snippet(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
