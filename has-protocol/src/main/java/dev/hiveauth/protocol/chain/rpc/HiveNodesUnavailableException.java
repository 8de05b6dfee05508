package dev.hiveauth.protocol.chain.rpc;

import java.util.List;
import java.util.stream.Collectors;

/** Every configured node was tried and none gave a usable answer; lists each node and why. */
public final class HiveNodesUnavailableException extends HiveClientException {
    private static final long serialVersionUID = 1L;

    private final transient List<NodeFailure> failures;

    HiveNodesUnavailableException(String method, List<NodeFailure> failures) {
        super(method, method + ": all " + failures.size() + (failures.size() == 1 ? " Hive node" : " Hive nodes")
                + " failed: " + failures.stream().map(NodeFailure::toString).collect(Collectors.joining("; ")));
        this.failures = List.copyOf(failures);
    }

    /** One entry per node, in the order they were tried. */
    public List<NodeFailure> failures() {
        return failures;
    }
}
