package dev.hiveauth.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The relay's counts as Micrometer meters (Prometheus names in brackets): connections by role [has_connections],
 * registered accounts [has_registered_accounts], pending requests [has_pending_requests], requests by type and
 * outcome [has_requests_total], proof-of-key failures [has_pok_failures_total], protocol errors sent
 * [has_errors_total], the time a relayed message spends inside the server [has_relay_latency_seconds], and what the
 * server asks of the Hive nodes: calls by outcome [has_hive_calls_total], account names waiting for a call
 * [has_hive_lookups_queued], calls out now [has_hive_calls_in_flight] and lookups refused as busy
 * [has_hive_lookups_refused_total].
 *
 * <p>Only this class of the relay names Micrometer, which is an optional dependency: the server loads it when
 * Micrometer's Prometheus registry is on the class path, and counts through {@link RelayMetrics#NONE} otherwise.
 */
public final class MicrometerMetrics implements RelayMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<Role, AtomicLong> connections = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> storeTimers = new ConcurrentHashMap<>();
    private final Timer relayLatency;

    /** Meters in a Prometheus registry, with what an operator watches a process by: memory, threads, open files. */
    public static MicrometerMetrics prometheus(Supplier<Number> registeredAccounts, Supplier<Number> pendingRequests) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry); // process_files_open_files against process_files_max_files
        return new MicrometerMetrics(registry, registeredAccounts, pendingRequests);
    }

    /** Meters in {@code registry} (tests read them from a simple registry). */
    public MicrometerMetrics(MeterRegistry registry, Supplier<Number> registeredAccounts, Supplier<Number> pendingRequests) {
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

    @Override
    public void connectionOpened() {
        connections.get(Role.UNKNOWN).incrementAndGet();
    }

    @Override
    public void connectionRoleChanged(Role from, Role to) {
        connections.get(from).decrementAndGet();
        connections.get(to).incrementAndGet();
    }

    @Override
    public void connectionClosed(Role role) {
        connections.get(role).decrementAndGet();
    }

    @Override
    public void request(String type, Outcome outcome) {
        counter("has.requests", "type", type, "outcome", name(outcome)).increment();
    }

    @Override
    public void pokFailure(String stage) {
        counter("has.pok.failures", "stage", stage).increment();
    }

    @Override
    public void errorSent() {
        counter("has.errors").increment();
    }

    @Override
    public void logLineSuppressed() {
        counter("has.log.suppressed").increment();
    }

    @Override
    public void bufferGauges(Supplier<Number> queuedBytes, Supplier<Number> receivingBytes) {
        Gauge.builder("has.buffered.bytes", queuedBytes).tag("direction", "out").register(registry);
        Gauge.builder("has.buffered.bytes", receivingBytes).tag("direction", "in").register(registry);
    }

    @Override
    public void closedByTransport(String reason) {
        counter("has.closed", "reason", reason).increment();
    }

    @Override
    public void hiveCall(boolean answered) {
        counter("has.hive.calls", "outcome", answered ? "answered" : "failed").increment();
    }

    @Override
    public void hiveLookupRefused() {
        counter("has.hive.lookups.refused").increment();
    }

    @Override
    public void hiveLookupGauges(Supplier<Number> queuedNames, Supplier<Number> callsInFlight) {
        Gauge.builder("has.hive.lookups.queued", queuedNames).description("Account names waiting for a call to a Hive "
                + "node").register(registry);
        Gauge.builder("has.hive.calls.in.flight", callsInFlight).description("Calls to Hive nodes not answered yet")
                .register(registry);
    }

    @Override
    public void relayed(long startNanos) {
        relayLatency.record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void storeGauge(java.util.function.BooleanSupplier up) {
        Gauge.builder("has.store.up", () -> up.getAsBoolean() ? 1 : 0)
                .description("1 while the shared store (Redis) answers, 0 while it does not").register(registry);
    }

    @Override
    public void storeCommand(String operation, long nanos, boolean failed) {
        storeTimers.computeIfAbsent(operation + failed, key -> Timer.builder("has.store.commands")
                .tags("operation", operation, "outcome", failed ? "failed" : "ok")
                .publishPercentiles(0.5, 0.99).register(registry))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void pubSubRenewed(String why) {
        counter("has.store.pubsub.renewed", "why", why).increment();
    }

    @Override
    public void relayedAcrossNodes(String kind) {
        counter("has.cluster.relayed", "kind", kind).increment();
    }

    @Override
    public void recovered(String kind, int count) {
        counter("has.cluster.recovered", "kind", kind).increment(count);
    }

    /** The registry the meters are in, for {@code /metrics} and for embedders who read them. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The meters in Prometheus's text format, for {@code GET /metrics}; only for {@link #prometheus}'s registry. */
    public String scrape() {
        if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
            throw new IllegalStateException("these meters are not in a Prometheus registry");
        }
        return prometheus.scrape();
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join(",", tags),
                key -> Counter.builder(name).tags(tags).register(registry));
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
