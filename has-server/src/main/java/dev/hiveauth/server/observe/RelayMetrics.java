package dev.hiveauth.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The server's meters (Prometheus names in brackets): connections by role [has_connections], registered
 * accounts [has_registered_accounts], pending requests [has_pending_requests], requests by type and outcome
 * [has_requests_total], proof-of-key failures [has_pok_failures_total], protocol errors sent
 * [has_errors_total], the time a relayed message spends inside the server [has_relay_latency_seconds], and what the
 * server asks of the Hive nodes: calls by outcome [has_hive_calls_total], account names waiting for a call
 * [has_hive_lookups_queued], calls out now [has_hive_calls_in_flight] and lookups refused as busy
 * [has_hive_lookups_refused_total].
 */
public final class RelayMetrics {
    /** What a connection is, from the commands it has sent. */
    public enum Role { UNKNOWN, APP, PKSA }

    /** What happened to a request. */
    public enum Outcome { ACCEPTED, REJECTED, APPROVED, REFUSED, FAILED, EXPIRED }

    private final MeterRegistry registry;
    private final ConcurrentMap<Role, AtomicLong> connections = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer relayLatency;

    /** The relay's meters in {@code registry}, with gauges reading the two counts given. */
    public RelayMetrics(MeterRegistry registry, Supplier<Number> registeredAccounts, Supplier<Number> pendingRequests) {
        this.registry = registry;
        for (Role role : Role.values()) {
            AtomicLong count = new AtomicLong();
            connections.put(role, count);
            Gauge.builder("has.connections", count, AtomicLong::get)
                    .description("Open WebSocket connections by role")
                    .tag("role", name(role))
                    .register(registry);
        }
        Gauge.builder("has.registered.accounts", () -> registeredAccounts.get())
                .description("Accounts registered by connected PKSAs (an account on two PKSAs counts twice)")
                .register(registry);
        Gauge.builder("has.pending.requests", () -> pendingRequests.get())
                .description("Requests waiting for a PKSA reply, or holding a reply for attach")
                .register(registry);
        relayLatency = Timer.builder("has.relay.latency")
                .description("Time from receiving a frame to queueing what it makes the server send")
                .publishPercentiles(0.5, 0.99, 0.999)
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
    }

    /** A connection opened, of no role yet. */
    public void connectionOpened() {
        connections.get(Role.UNKNOWN).incrementAndGet();
    }

    /** A connection showed which role it plays. */
    public void connectionRoleChanged(Role from, Role to) {
        connections.get(from).decrementAndGet();
        connections.get(to).incrementAndGet();
    }

    /** A connection of this role closed. */
    public void connectionClosed(Role role) {
        connections.get(role).decrementAndGet();
    }

    /** {@code type} is auth, sign or challenge. */
    public void request(String type, Outcome outcome) {
        counter("has.requests", "type", type, "outcome", name(outcome)).increment();
    }

    /** {@code stage} is registration or reply. */
    public void pokFailure(String stage) {
        counter("has.pok.failures", "stage", stage).increment();
    }

    /** The relay answered a peer with an {@code error} message. */
    public void errorSent() {
        counter("has.errors").increment();
    }

    /** A log line about a peer was left out (its budget was spent): the metric counts what the log does not show. */
    public void logLineSuppressed() {
        counter("has.log.suppressed").increment();
    }

    /** What peers make the network side hold: bytes waiting to be sent, bytes of messages received in part. */
    public void bufferGauges(Supplier<Number> queuedBytes, Supplier<Number> receivingBytes) {
        Gauge.builder("has.buffered.bytes", queuedBytes).tag("direction", "out").register(registry);
        Gauge.builder("has.buffered.bytes", receivingBytes).tag("direction", "in").register(registry);
    }

    /** The transport closed a connection on its own ({@code reason}: slow_reader, ping_flood, …). */
    public void closedByTransport(String reason) {
        counter("has.closed", "reason", reason).increment();
    }

    /** A {@code get_accounts} call to the Hive nodes ended: answered, or failed on every node. */
    public void hiveCall(boolean answered) {
        counter("has.hive.calls", "outcome", answered ? "answered" : "failed").increment();
    }

    /** An account lookup was refused: the queue toward the Hive nodes was full, or the lookup waited too long in it. */
    public void hiveLookupRefused() {
        counter("has.hive.lookups.refused").increment();
    }

    /** Gauges of account names waiting for a Hive node, and of calls to Hive nodes not answered yet. */
    public void hiveLookupGauges(Supplier<Number> queuedNames, Supplier<Number> callsInFlight) {
        Gauge.builder("has.hive.lookups.queued", queuedNames).description("Account names waiting for a call to a Hive "
                + "node").register(registry);
        Gauge.builder("has.hive.calls.in.flight", callsInFlight).description("Calls to Hive nodes not answered yet")
                .register(registry);
    }

    /** A frame was relayed; it came in at {@code startNanos} ({@link System#nanoTime()}). */
    public void relayed(long startNanos) {
        relayLatency.record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The registry the meters are in. */
    public MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join(",", tags),
                key -> Counter.builder(name).tags(tags).register(registry));
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
