package dev.hiveauth.protocol.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;

/**
 * The node answered with a JSON-RPC error object: the chain itself refused the call (missing authority,
 * TaPoS or expiration problems, a duplicate transaction…). Another node would say the same, so the
 * client does not fail over; the node's message and code are kept as they were.
 */
public final class HiveRpcException extends HiveClientException {
    private static final long serialVersionUID = 1L;

    private final transient URI node;
    /** The JSON-RPC error code. */
    private final long code;
    /** The error message as the node wrote it. */
    private final String nodeMessage;
    private final transient JsonNode data;

    HiveRpcException(URI node, String method, long code, String nodeMessage, JsonNode data) {
        super(method, method + " on " + node + " returned error " + code + ": " + nodeMessage);
        this.node = node;
        this.code = code;
        this.nodeMessage = nodeMessage;
        this.data = data;
    }

    /** The node that answered. */
    public URI node() {
        return node;
    }

    /** The JSON-RPC error code (hived uses -32000 for most chain errors, -32602 for bad parameters). */
    public long code() {
        return code;
    }

    /** The error message as the node wrote it. */
    public String nodeMessage() {
        return nodeMessage;
    }

    /** The error's {@code data} member (hived puts the assertion and stack there), if any. */
    public Optional<JsonNode> data() {
        return Optional.ofNullable(data);
    }
}
