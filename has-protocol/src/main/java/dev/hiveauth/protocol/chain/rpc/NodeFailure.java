package dev.hiveauth.protocol.chain.rpc;

import java.net.URI;

/** Why one node gave no usable answer (connection refused, timeout, HTTP 503, not JSON…). */
public record NodeFailure(URI node, String reason) {
    @Override
    public String toString() {
        return node + " (" + reason + ")";
    }
}
