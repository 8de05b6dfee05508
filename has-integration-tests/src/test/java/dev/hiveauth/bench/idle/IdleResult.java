package dev.hiveauth.bench.idle;

import java.util.List;
import java.util.Map;

/**
 * The figures of the idle-connection benchmark; heap figures are the child server's, after a full GC, in bytes.
 *
 * @param requested connections asked for ({@code bench.connections})
 * @param opened connections that completed the upgrade and got {@code connected}
 * @param firstFailure why opening stopped early, or null
 * @param connectionsPerSecond how fast they opened (four client threads by default, one core's worth)
 * @param heapPerConnectionBytes (heapWithConnections − heapBaseline) / opened
 * @param heapAtTargetBytes heapBaseline + 20,000 × heapPerConnectionBytes
 * @param targetFitsIn1GiB whether heapAtTargetBytes ≤ 1 GiB (the target: 20,000 idle sockets)
 * @param directBytesWithConnections direct (off-heap) buffers the child held with the connections open
 * @param rssPerConnectionBytes growth of the child's resident memory per connection (heap growth included)
 * @param heapAfterCloseBytes the heap once every connection closed (back near the baseline: nothing leaks)
 * @param childOpenFiles the child's open-files limit, soft/hard: the real cap on sockets here
 */
public record IdleResult(int requested, int opened, String firstFailure, double openSeconds,
                         double connectionsPerSecond, long heapBaselineBytes, long heapWithConnectionsBytes,
                         long heapAfterCloseBytes, long heapMaxBytes, long heapPerConnectionBytes,
                         long heapAtTargetBytes, boolean targetFitsIn1GiB, long directBytesWithConnections,
                         long rssBaselineBytes, long rssWithConnectionsBytes, long rssPerConnectionBytes,
                         long threadsWithConnections, List<String> childJvmOptions, String childOpenFiles,
                         String harnessOpenFiles, List<String> sourceAddresses) {

    static IdleResult of(int requested, int opened, String firstFailure, double openSeconds,
                         Map<String, Long> baseline, Map<String, Long> loaded, Map<String, Long> afterClose,
                         List<String> jvmOptions, String childOpenFiles, String harnessOpenFiles,
                         List<String> sourceAddresses) {
        long perConnection = opened == 0 ? 0 : (loaded.get("used") - baseline.get("used")) / opened;
        long atTarget = baseline.get("used") + IdleCapacityBenchmark.TARGET_CONNECTIONS * perConnection;
        long rssPer = opened == 0 || baseline.get("rss") < 0 ? -1 : (loaded.get("rss") - baseline.get("rss")) / opened;
        return new IdleResult(requested, opened, firstFailure, Math.round(openSeconds * 100) / 100.0,
                Math.round(opened / Math.max(openSeconds, 1e-9)), baseline.get("used"), loaded.get("used"),
                afterClose.get("used"), loaded.get("max"), perConnection, atTarget,
                atTarget <= IdleCapacityBenchmark.TARGET_HEAP_BYTES, loaded.get("direct"), baseline.get("rss"),
                loaded.get("rss"), rssPer, loaded.get("threads"), List.copyOf(jvmOptions), childOpenFiles,
                harnessOpenFiles, List.copyOf(sourceAddresses));
    }
}
