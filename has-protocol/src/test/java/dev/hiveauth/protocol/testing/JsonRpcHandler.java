package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON-RPC 2.0 envelope around {@link NodeApi}: checks each request's form, answers batches with an
 * array, echoes the id, and turns a {@link NodeError} into the {@code error} member.
 */
final class JsonRpcHandler {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final NodeApi api;
    private final NodeFaults faults;

    JsonRpcHandler(NodeApi api, NodeFaults faults) {
        this.api = api;
        this.faults = faults;
    }

    /** The response to a parsed request body ({@code null} if the body was not JSON); an array for a batch. */
    JsonNode answer(JsonNode request) {
        if (request == null) {
            return response(NullNode.instance, null, NodeError.rpc(NodeError.PARSE_ERROR, "Parse error: not JSON"));
        }
        if (request.isArray() && !request.isEmpty()) {
            ArrayNode responses = JSON.arrayNode();
            request.forEach(one -> responses.add(answerOne(one)));
            return responses;
        }
        return answerOne(request);
    }

    private ObjectNode answerOne(JsonNode request) {
        JsonNode id = request.isObject() && request.has("id") ? request.get("id") : NullNode.instance;
        if (!request.isObject()) {
            return response(id, null, NodeError.rpc(NodeError.INVALID_REQUEST, "Invalid Request: not a JSON-RPC object"));
        }
        if (!"2.0".equals(request.path("jsonrpc").textValue())) {
            return response(id, null, NodeError.rpc(NodeError.INVALID_REQUEST, "jsonrpc value is not \"2.0\""));
        }
        if (!request.path("method").isTextual()) {
            return response(id, null, NodeError.rpc(NodeError.INVALID_REQUEST, "A member \"method\" is required"));
        }
        String method = request.get("method").textValue();
        try {
            if (faults.isDisabled(method)) {
                throw NodeError.rpc(NodeError.METHOD_NOT_FOUND, "method not found").with("method", method);
            }
            return response(id, api.call(method, request.get("params")), null);
        } catch (NodeError e) {
            return response(id, null, e);
        } catch (RuntimeException e) {
            // a bug in the fake itself: say so in the answer instead of dropping the connection
            return response(id, null, NodeError.rpc(NodeError.INTERNAL_ERROR, "Internal error: " + e));
        }
    }

    private static ObjectNode response(JsonNode id, JsonNode result, NodeError error) {
        ObjectNode response = JSON.objectNode();
        response.put("jsonrpc", "2.0");
        if (error == null) {
            response.set("result", result);
        } else {
            response.set("error", error.toJson());
        }
        response.set("id", id);
        return response;
    }
}
