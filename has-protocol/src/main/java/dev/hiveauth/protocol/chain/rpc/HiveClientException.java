package dev.hiveauth.protocol.chain.rpc;

/** A {@link HiveClient} call that did not produce a result: the chain said no, or no node answered. */
public abstract class HiveClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The JSON-RPC method called. */
    private final String method;

    HiveClientException(String method, String message) {
        super(message);
        this.method = method;
    }

    /** The JSON-RPC method called, e.g. {@code condenser_api.broadcast_transaction}. */
    public String method() {
        return method;
    }
}
