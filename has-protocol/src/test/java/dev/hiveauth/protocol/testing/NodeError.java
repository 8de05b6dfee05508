package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error the fake node answers in a JSON-RPC {@code error} object, worded as hived words it: the
 * message is the exception's description, a colon and the detail ({@code missing required posting
 * authority:Missing Posting Authority alice}); {@code data} carries the fc exception's code and name.
 */
final class NodeError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** hived's JSON-RPC code for any error raised while running the call. */
    static final int DURING_CALL = -32000;
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INTERNAL_ERROR = -32603;

    private final int rpcCode;
    private final long fcCode;
    private final String name;
    private final String description;
    private final String detail;
    private final transient ObjectNode data;

    private NodeError(int rpcCode, long fcCode, String name, String description, String detail, ObjectNode data) {
        super(detail.isEmpty() ? description : description + ":" + detail);
        this.rpcCode = rpcCode;
        this.fcCode = fcCode;
        this.name = name;
        this.description = description;
        this.detail = detail;
        this.data = data;
    }

    /** A chain error (code -32000) of one of hived's exception types. */
    static NodeError chain(long fcCode, String name, String description, String detail) {
        return new NodeError(DURING_CALL, fcCode, name, description, detail, JsonNodeFactory.instance.objectNode());
    }

    /** An FC_ASSERT that failed: {@code Assert Exception:<expression>: <message>}. */
    static NodeError assertion(String expression, String message) {
        return chain(10, "assert_exception", "Assert Exception", expression + ": " + message);
    }

    /** A JSON-RPC level error (parse error, invalid request, method not found, invalid params). */
    static NodeError rpc(int rpcCode, String message) {
        return new NodeError(rpcCode, 0, "", message, "", JsonNodeFactory.instance.objectNode());
    }

    /** Adds a value to {@code data}'s stack entry, like the values hived's assertions capture. */
    NodeError with(String key, Object value) {
        if (value instanceof JsonNode json) {
            data.set(key, json);
        } else if (value instanceof Long || value instanceof Integer) {
            data.put(key, ((Number) value).longValue());
        } else {
            data.put(key, String.valueOf(value));
        }
        return this;
    }

    /** The {@code error} member: code, message and (for chain errors) hived's exception in {@code data}. */
    ObjectNode toJson() {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", rpcCode);
        error.put("message", getMessage());
        if (rpcCode == DURING_CALL) {
            ObjectNode exception = error.putObject("data");
            exception.put("code", fcCode);
            exception.put("name", name);
            exception.put("message", description);
            ObjectNode entry = exception.putArray("stack").addObject();
            entry.put("format", detail);
            entry.set("data", data);
        } else if (!data.isEmpty()) {
            error.set("data", data);
        }
        return error;
    }
}
