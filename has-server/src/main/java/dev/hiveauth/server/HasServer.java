package dev.hiveauth.server;

import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.server.cluster.RedisRequestStore;
import dev.hiveauth.server.cluster.RedisStoreSettings;
import dev.hiveauth.server.key.ServerKeyFile;
import dev.hiveauth.server.observe.LogBudget;
import dev.hiveauth.server.observe.ManagementServer;
import dev.hiveauth.server.observe.MicrometerMetrics;
import dev.hiveauth.server.observe.RelayMetrics;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.AddressLimits;
import dev.hiveauth.server.relay.InMemoryRequestStore;
import dev.hiveauth.server.relay.Limits;
import dev.hiveauth.server.relay.Relay;
import dev.hiveauth.server.relay.RequestStore;
import dev.hiveauth.server.transport.Admission;
import dev.hiveauth.server.transport.TlsKeystore;
import dev.hiveauth.server.transport.TransportLimits;
import dev.hiveauth.server.transport.WebSocketTransport;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HiveAuth relay server (HAS), embeddable: {@code HasServer.builder().port(3000).build().start()}, then
 * {@link #port()}, {@link #serverKey()} and {@link #stop()} (or {@link #close()}, in try-with-resources).
 * One WebSocket endpoint at "/" for APPs and PKSAs alike; optionally wss://, and an HTTP port with
 * {@code /health} and {@code /metrics}.
 *
 * <p>Micrometer is an optional dependency: with {@code io.micrometer:micrometer-registry-prometheus} on the class
 * path the server keeps meters ({@link #meterRegistry()}, {@code /metrics}); without it the server runs the same and
 * counts nothing.
 */
public final class HasServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HasServer.class);
    /** Whether Micrometer's Prometheus registry (an optional dependency) is on the class path. */
    private static final boolean METERED = onClassPath("io.micrometer.prometheusmetrics.PrometheusMeterRegistry");
    private static final String NO_METERS = "Micrometer's Prometheus registry (io.micrometer:micrometer-registry-"
            + "prometheus) is not on the class path";

    private final PrivateKey serverKey;
    // Typed as its own class so that HasServer links without Micrometer: MicrometerMetrics is loaded only when present.
    private final MicrometerMetrics micrometer;
    private final RequestStore store;
    private final Relay relay;
    private final WebSocketTransport transport;
    private final ManagementServer management;
    private final Sweeper sweeper;
    private final HiveClient hive; // null when account keys come from elsewhere (accountKeys)
    private volatile boolean running;

    private HasServer(Builder settings) {
        this.serverKey = settings.serverKey != null ? settings.serverKey
                : settings.keyFile != null ? ServerKeyFile.loadOrCreate(settings.keyFile) : PrivateKey.generate();
        Limits limits = settings.limits != null ? settings.limits
                : OpenFiles.fit(HeapBudget.limits(HeapBudget.maxHeap()), OpenFiles.limit());
        OpenFiles.warnIfOver(limits.maxConnections(), OpenFiles.limit());
        TransportLimits transportLimits = settings.transportLimits != null ? settings.transportLimits
                : HeapBudget.transport(HeapBudget.maxHeap());
        HeapBudget.requireFit(limits, transportLimits, HeapBudget.maxHeap());
        AddressLimits addressLimits = settings.addressLimits != null ? settings.addressLimits
                : AddressLimits.tenthOf(limits);
        this.micrometer = METERED ? MicrometerMetrics.prometheus(this::registrationCount, this::pendingRequestCount)
                : null;
        RelayMetrics metrics = micrometer != null ? micrometer : RelayMetrics.NONE;
        this.store = settings.store != null ? settings.store
                : settings.redis != null ? RedisRequestStore.connect(settings.redis, serverKey.publicKey(),
                        settings.clock, metrics)
                : new InMemoryRequestStore(limits.maxPendingBytes());
        this.hive = settings.accountKeys != null ? null : hiveClient(settings);
        AccountKeys accountKeys = settings.accountKeys != null ? settings.accountKeys
                : ChainAccountKeys.over(hive, HiveLookupLimits.DEFAULT.withCallsPerSecond(settings.hiveCallsPerSecond),
                        settings.clock, metrics);
        this.relay = new Relay(serverKey, accountKeys, store, settings.clock, settings.timeout, settings.strictPok,
                limits, addressLimits, metrics, settings.uuids, ServerVersion.get());
        LogBudget closureLog = new LogBudget(20, Duration.ofSeconds(1), System::nanoTime, metrics::logLineSuppressed);
        Admission admission = new Admission(limits.maxConnections(), addressLimits.connections(),
                settings.proxyProtocol);
        this.transport = new WebSocketTransport(settings.host, settings.port, limits.maxFrameBytes(), admission,
                transportLimits, settings.tls, (closure, detail) -> {
                    metrics.closedByTransport(closure.tag());
                    if (closureLog.allow()) {
                        long left = closureLog.takeSuppressed();
                        LOG.info("closed a connection: {}{}", detail, left == 0 ? "" : " (" + left + " similar line(s) suppressed)");
                    }
                }, relay);
        metrics.bufferGauges(transport::queuedBytes, transport::receivingBytes);
        this.management = settings.httpPort == null ? null
                : new ManagementServer(settings.host, settings.httpPort, () -> running && store.isAvailable(), micrometer::scrape);
        this.sweeper = new Sweeper()
                .task("expiring requests", relay::sweep)
                .task("closing overdue connections", transport::sweep);
    }

    /** A builder: every setting has a default but the Hive nodes or the account keys. */
    public static Builder builder() {
        return new Builder();
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, HasServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static HiveClient hiveClient(Builder settings) {
        HiveClient.Builder client = HiveClient.builder().timeout(settings.hiveTimeout);
        settings.hiveNodes.forEach(client::node);
        return client.build();
    }

    /** Starts listening; returns this server, running. */
    public synchronized HasServer start() {
        if (running) {
            return this;
        }
        transport.start();
        if (management != null) {
            management.start();
        }
        sweeper.start();
        running = true;
        LOG.info("HAS relay {} serving {} with server key {}", ServerVersion.get(), uri(), serverKey.publicKey());
        if (hive != null) {
            HiveNodesCheck.start(hive);
        }
        return this;
    }

    /**
     * Stops accepting connections, lets every request received get its answer, closes every connection with 1001
     * (going away), then stops.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        // New peers go elsewhere at once (a load balancer's next node), and a peer reconnecting cannot land here.
        transport.stopAccepting();
        relay.awaitAnswersSent(2_000);
        relay.closeAll();
        awaitPeersGone(2_000);
        sweeper.close();
        transport.stop();
        if (management != null) {
            management.stop();
        }
        store.close();
        LOG.info("HAS relay stopped");
    }

    /** The same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Peers answer the 1001 close within milliseconds; give slow ones a moment before cutting them off. The relay
     * forgets a peer as soon as it starts closing it; the transport's connection goes once its close frame has left.
     */
    private void awaitPeersGone(long maxMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while ((relay.connectionCount() > 0 || transport.connectionCount() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** This build's version, as sent in {@code connected.version}. */
    public static String version() {
        return ServerVersion.get();
    }

    /** True between {@link #start()} and {@link #stop()}. */
    public boolean isRunning() {
        return running;
    }

    /** The port the WebSocket endpoint listens on (the real one when port 0 was asked). */
    public int port() {
        return transport.port();
    }

    /** The host the WebSocket endpoint listens on. */
    public String host() {
        return transport.host();
    }

    /** {@code ws://host:port/} or {@code wss://host:port/}. */
    public URI uri() {
        return URI.create((transport.isSecure() ? "wss" : "ws") + "://" + hostForUri(host()) + ":" + port() + "/");
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The public key PKSAs encrypt their proofs of key to (what {@code key_ack} sends). */
    public PublicKey serverKey() {
        return serverKey.publicKey();
    }

    /** The port of /health and /metrics, when enabled. */
    public OptionalInt managementPort() {
        return management == null ? OptionalInt.empty() : OptionalInt.of(management.port());
    }

    /**
     * The server's meters ({@code has.connections}, {@code has.requests}, …), as /metrics shows them.
     *
     * @throws IllegalStateException when Micrometer's Prometheus registry is not on the class path (the server then
     *     keeps no meters)
     */
    public MeterRegistry meterRegistry() {
        if (micrometer == null) {
            throw new IllegalStateException("the server keeps no meters: " + NO_METERS);
        }
        return micrometer.registry();
    }

    /** Open WebSocket connections, of any role. */
    public int connectionCount() {
        return relay.connectionCount();
    }

    /**
     * Requests the server holds: waiting for a wallet, or answered and kept for attach. On a node of a cluster, the
     * requests its own APP connections wait for (Redis holds the rest).
     */
    public int pendingRequestCount() {
        return store.requestCount();
    }

    /** Account registrations, counted once per wallet connection and account. */
    public int registrationCount() {
        return relay.registrationCount();
    }

    /** How many wallet connections have registered {@code account} now. */
    public int walletsRegisteredFor(String account) {
        return relay.walletsRegisteredFor(account);
    }

    /**
     * Drops expired requests and replies kept past their time now. The server does it every second; a test
     * that moves an injected clock calls it to see the effect at once.
     */
    public void sweepExpired() {
        relay.sweep();
    }

    /** Server settings; defaults as documented per method. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 3000;
        private final List<URI> hiveNodes = new ArrayList<>(ChainAccountKeys.DEFAULT_NODES);
        private boolean hiveNodesSet;
        private Duration hiveTimeout = Duration.ofSeconds(5);
        private int hiveCallsPerSecond = 20;
        private AccountKeys accountKeys;
        private Duration timeout = Duration.ofSeconds(60);
        private Path keyFile;
        private PrivateKey serverKey;
        private boolean strictPok;
        private Limits limits;
        private TransportLimits transportLimits;
        private AddressLimits addressLimits;
        private boolean proxyProtocol;
        private Integer httpPort;
        private TlsKeystore tls;
        private Clock clock = Clock.systemUTC();
        private RequestStore store;
        private RedisStoreSettings redis;
        private Supplier<String> uuids = () -> UUID.randomUUID().toString();

        private Builder() {
        }

        /** Interface to listen on; default 0.0.0.0 (all). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** WebSocket port; default 3000; 0 picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            this.port = port;
            return this;
        }

        /** Hive API nodes to look account keys up on, tried in order with failover; default public nodes. */
        public Builder hiveNodes(List<URI> nodes) {
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("at least one Hive API node is needed");
            }
            hiveNodes.clear();
            hiveNodes.addAll(nodes);
            hiveNodesSet = true;
            return this;
        }

        /** How long one call to a Hive node may take before the next node is tried; default 5 s. */
        public Builder hiveTimeout(Duration timeout) {
            this.hiveTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Calls to the Hive nodes a second at most, whatever peers send; default 20. Account lookups wait in one queue
         * and go out in batches of up to 100 names, at most 4 calls at once; a lookup that finds the queue full
         * (10,000 names) or waits there over 10 s is refused with "the server is busy", and the wallet tries again.
         */
        public Builder hiveCallsPerSecond(int callsPerSecond) {
            if (callsPerSecond <= 0) {
                throw new IllegalArgumentException("hiveCallsPerSecond must be positive");
            }
            this.hiveCallsPerSecond = callsPerSecond;
            return this;
        }

        /** Where account keys come from instead of the Hive nodes (tests, embedders). */
        public Builder accountKeys(AccountKeys accountKeys) {
            this.accountKeys = Objects.requireNonNull(accountKeys, "accountKeys");
            return this;
        }

        /** How long a request waits for a PKSA (and a reply for attach); whole seconds, default 60. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("timeout must be a positive whole number of seconds");
            }
            this.timeout = timeout;
            return this;
        }

        /** File holding the server key (WIF), created owner-only if missing. Default: a key for this run only. */
        public Builder keyFile(Path keyFile) {
            this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
            return this;
        }

        /** The server key itself, instead of a key file. */
        public Builder serverKey(PrivateKey serverKey) {
            this.serverKey = Objects.requireNonNull(serverKey, "serverKey");
            return this;
        }

        /** Refuse PKSA replies without a pok (default: accept them from a verified registration). */
        public Builder strictPok(boolean strictPok) {
            this.strictPok = strictPok;
            return this;
        }

        /** What peers may cost the relay; default {@link Limits#DEFAULT} with memory caps fitted to the heap. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** What the network side may hold for peers; default {@link TransportLimits#forHeap} of this JVM's heap. */
        public Builder transportLimits(TransportLimits transportLimits) {
            this.transportLimits = Objects.requireNonNull(transportLimits, "transportLimits");
            return this;
        }

        /**
         * What one client address may hold; default {@link AddressLimits#tenthOf} the server-wide limits. Raise them
         * where many users share an address (a NAT) and the real one is not known.
         */
        public Builder addressLimits(AddressLimits addressLimits) {
            this.addressLimits = Objects.requireNonNull(addressLimits, "addressLimits");
            return this;
        }

        /**
         * Expect a PROXY protocol header (v1 or v2, as HAProxy and nginx send it) at the start of every connection and
         * take the client's address from it; a connection without one is closed. For a relay behind a load balancer
         * only: anyone reaching it directly could claim any address. Off by default.
         */
        public Builder proxyProtocol(boolean proxyProtocol) {
            this.proxyProtocol = proxyProtocol;
            return this;
        }

        /**
         * Serve /health and /metrics on this port (same host); off by default. Needs Micrometer's Prometheus registry
         * on the class path: without it {@link #build()} throws.
         */
        public Builder httpPort(int httpPort) {
            if (httpPort < 0 || httpPort > 65535) {
                throw new IllegalArgumentException("httpPort must be 0..65535");
            }
            this.httpPort = httpPort;
            return this;
        }

        /** Serve wss:// with this PKCS#12 keystore. */
        public Builder tls(TlsKeystore tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** The clock request expiry is read from; default the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where requests are kept: default {@link InMemoryRequestStore}, this process alone. A shared store lets several
         * nodes serve the same peers; the server closes it when it stops.
         */
        public Builder store(RequestStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Serve as one node of a cluster sharing its requests in Redis ({@link RedisRequestStore}; needs Lettuce on the
         * class path). Every node must be given the same server key: the first records its public key in Redis, and a
         * node with another refuses to start.
         */
        public Builder redis(RedisStoreSettings redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
            return this;
        }

        /** Where request uuids come from; default random UUID v4. */
        public Builder uuids(Supplier<String> uuids) {
            this.uuids = Objects.requireNonNull(uuids, "uuids");
            return this;
        }

        /** The server, not started yet. */
        public HasServer build() {
            if (accountKeys != null && hiveNodesSet) {
                throw new IllegalStateException("give either accountKeys or hiveNodes, not both");
            }
            if (httpPort != null && !METERED) {
                throw new IllegalStateException("httpPort serves /metrics, but " + NO_METERS);
            }
            return new HasServer(this);
        }
    }
}
