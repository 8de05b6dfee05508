package dev.hiveauth.bench.external;

import dev.hiveauth.it.fixture.ChildRelay;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the cluster phase reads from a node's /metrics: its Redis commands by operation as the node timed them
 * ({@code has.store.commands}: sent → answered, the network and Redis's queue included), requests and replies that
 * reached it from another node ({@code has.cluster.relayed}) or were read back after a gap ({@code has.cluster.recovered}),
 * and its own latency per relayed frame ({@code has.relay.latency}).
 */
final class NodeMetrics {
    private static final String STORE = "has_store_commands_seconds";
    private static final Pattern STORE_COUNT = Pattern.compile("^" + STORE + "_count\\{([^}]*)} (\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern OPERATION = Pattern.compile("operation=\"([^\"]+)\"");

    private NodeMetrics() {
    }

    /** Each store operation's calls and seconds so far (ok and failed alike), by operation. */
    static Map<String, Timed> storeCommands(ChildRelay.Metrics metrics) {
        Map<String, Timed> operations = new TreeMap<>();
        Matcher lines = STORE_COUNT.matcher(metrics.text());
        while (lines.find()) {
            Matcher operation = OPERATION.matcher(lines.group(1));
            if (operation.find()) {
                String name = operation.group(1);
                String label = "operation=\"" + name + "\"";
                operations.put(name, new Timed((long) metrics.sum(STORE + "_count", label),
                        metrics.sum(STORE + "_sum", label)));
            }
        }
        return operations;
    }

    /** The decaying p99 of a store operation's successful calls, in ms (0 when the node never ran it). */
    static double storeP99Ms(ChildRelay.Metrics metrics, String operation) {
        return metrics.sum(STORE, "operation=\"" + operation + "\",outcome=\"ok\",quantile=\"0.99\"") * 1e3;
    }

    /** The node's own latency per relayed frame at {@code quantile} (0.5, 0.99, 0.999), decaying, in ms. */
    static double relayLatencyMs(ChildRelay.Metrics metrics, String quantile) {
        return metrics.sum("has_relay_latency_seconds", "quantile=\"" + quantile + "\"") * 1e3;
    }

    /** Forwards ({@code kind} forward) or replies ({@code reply}) that reached the node from another node. */
    static long acrossNodes(ChildRelay.Metrics metrics, String kind) {
        return (long) metrics.sum("has_cluster_relayed_total", "kind=\"" + kind + "\"");
    }

    /** Forwards and replies the node read back from Redis after a gap in its subscription. */
    static long recovered(ChildRelay.Metrics metrics) {
        return (long) metrics.sum("has_cluster_recovered_total", "");
    }

    /** A timer's count and total seconds. */
    record Timed(long calls, double seconds) {
        Timed minus(Timed earlier) {
            return new Timed(calls - earlier.calls, seconds - earlier.seconds);
        }
    }
}
