package dev.hiveauth.it.hostile;

import static org.awaitility.Awaitility.await;

import dev.hiveauth.it.fixture.ChildRelay;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The relay's state before an attack, and what changed by the time the attack's traces were gone: the heap after a
 * full GC before, during and after, the GC log's peak, the log's growth, the connections the relay closed and the
 * log lines it suppressed. Attacks read their signs in it ({@link #grown}, {@link #now}).
 */
final class AttackWindow {
    /** Requests expire after the suite's 10 s timeout and the sweep runs each second: all gone well within this. */
    private static final Duration TRACES_GONE = Duration.ofSeconds(60);
    private static final String[] CLOSURES = {"frame_too_big", "unmasked_frame", "ping_flood", "slow_reader",
        "stalled_reader", "queues_full", "unfinished_message", "receiving_full", "connection_cap", "address_cap",
        "proxy_header", "handshake_timeout"};

    private final ChildRelay relay;
    private final String attack;
    private final long baselineHeap;
    private final long logOffset;
    private final long gcLogOffset;
    private final ChildRelay.Metrics before;
    private long liveDuring = -1;

    private AttackWindow(ChildRelay relay, String attack) {
        this.relay = relay;
        this.attack = attack;
        this.baselineHeap = relay.heapAfterGc();
        this.logOffset = relay.logBytes();
        this.gcLogOffset = relay.gcLogSize();
        this.before = relay.metrics();
    }

    static AttackWindow open(ChildRelay relay, String attack) {
        return new AttackWindow(relay, attack);
    }

    /** How much a counter grew since the attack began. */
    double grown(String name, String labels) {
        return relay.metric(name, labels) - before.sum(name, labels);
    }

    /** A gauge's value now. */
    double now(String name, String labels) {
        return relay.metric(name, labels);
    }

    /** Measures what the relay holds while the attack bites: the heap after a full GC. */
    void measureLive() {
        liveDuring = relay.heapAfterGc();
    }

    /**
     * Waits until the relay holds nothing of the attack (no request waiting, no byte buffered), then measures. The
     * attack's sockets must be closed already.
     */
    AttackReport close(long loginDuringMillis, String attackerSaw) {
        String nothingHeld = "0 requests pending, 0 bytes buffered in, 0 bytes buffered out";
        await("the attack's requests and buffers gone").atMost(TRACES_GONE).pollInterval(Duration.ofMillis(500))
                .until(this::held, nothingHeld::equals);
        long peakOccupied = relay.peakOccupiedMib(gcLogOffset);
        long heapAfter = relay.heapAfterGc();
        ChildRelay.Metrics after = relay.metrics();
        Map<String, Long> closed = new TreeMap<>();
        for (String reason : CLOSURES) {
            String labels = "reason=\"" + reason + "\"";
            long added = Math.round(after.sum("has_closed_total", labels) - before.sum("has_closed_total", labels));
            if (added > 0) {
                closed.put(reason, added);
            }
        }
        long suppressed = Math.round(after.sum("has_log_suppressed_total", "")
                - before.sum("has_log_suppressed_total", ""));
        return new AttackReport(attack, baselineHeap, liveDuring, heapAfter, peakOccupied,
                relay.logBytes() - logOffset, suppressed, closed, loginDuringMillis, attackerSaw);
    }

    private String held() {
        ChildRelay.Metrics now = relay.metrics();
        return String.format("%.0f requests pending, %.0f bytes buffered in, %.0f bytes buffered out",
                now.sum("has_pending_requests", ""), now.sum("has_buffered_bytes", "direction=\"in\""),
                now.sum("has_buffered_bytes", "direction=\"out\""));
    }

    /** The log the attack made the relay write. */
    String log() {
        return relay.logSince(logOffset);
    }
}
