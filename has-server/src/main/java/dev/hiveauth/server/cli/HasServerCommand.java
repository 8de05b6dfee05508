package dev.hiveauth.server.cli;

import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.HeapBudget;
import dev.hiveauth.server.OpenFiles;
import dev.hiveauth.server.cluster.RedisStoreSettings;
import dev.hiveauth.server.relay.AddressLimits;
import dev.hiveauth.server.relay.Limits;
import dev.hiveauth.server.transport.TlsKeystore;
import dev.hiveauth.server.transport.TransportLimits;
import io.micrometer.core.instrument.Counter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar has-server.jar}: runs a HAS relay until SIGTERM or SIGINT, then closes every socket with
 * 1001 and exits 0. Every option can also come from an environment variable (shown in {@code --help}).
 */
@Command(name = "has-server", mixinStandardHelpOptions = true, versionProvider = ServerVersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "HiveAuth relay server (HAS): relays authentication, signing and challenge requests between "
                + "applications and wallets over WebSockets.")
public final class HasServerCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "${env:HAS_HOST:-0.0.0.0}", paramLabel = "HOST",
            description = "Interface to listen on (env HAS_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:HAS_PORT:-3000}", paramLabel = "PORT",
            description = "WebSocket port; 0 picks a free one (env HAS_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--hive-api", split = ",", paramLabel = "URL",
            defaultValue = "${env:HAS_HIVE_API:-https://api.hive.blog,https://api.openhive.network,https://anyx.io}",
            description = "Hive API node to look account keys up on; repeat for failover "
                    + "(env HAS_HIVE_API, comma-separated; default ${DEFAULT-VALUE}).")
    List<URI> hiveApi;

    @Option(names = "--hive-timeout", defaultValue = "${env:HAS_HIVE_TIMEOUT:-5}", paramLabel = "SECONDS",
            description = "Seconds one Hive node may take before the next is tried (env HAS_HIVE_TIMEOUT, default ${DEFAULT-VALUE}).")
    int hiveTimeout;

    @Option(names = "--hive-calls-per-second", defaultValue = "${env:HAS_HIVE_CALLS_PER_SECOND:-20}",
            paramLabel = "N", description = "Calls to the Hive nodes a second at most, whatever peers send; account "
            + "lookups are batched up to 100 names a call (env HAS_HIVE_CALLS_PER_SECOND, default ${DEFAULT-VALUE}).")
    int hiveCallsPerSecond;

    @Option(names = "--timeout", defaultValue = "${env:HAS_TIMEOUT:-60}", paramLabel = "SECONDS",
            description = "Seconds a request waits for a wallet, and a reply for attach (env HAS_TIMEOUT, default ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--key-file", defaultValue = "${env:HAS_KEY_FILE:-has-server.key}", paramLabel = "FILE",
            description = "Server key (WIF), created owner-only on first start (env HAS_KEY_FILE, default ${DEFAULT-VALUE}).")
    Path keyFile;

    @Option(names = "--strict-pok", defaultValue = "${env:HAS_STRICT_POK:-false}",
            description = "Refuse wallet replies without a proof of key (env HAS_STRICT_POK; default: accept them "
                    + "from a verified registration, as Hive Keychain Mobile sends none).")
    boolean strictPok;

    @Option(names = "--http-port", defaultValue = "${env:HAS_HTTP_PORT}", paramLabel = "PORT",
            description = "Serve /health and /metrics (Prometheus) on this port (env HAS_HTTP_PORT; off by default).")
    Integer httpPort;

    @Option(names = "--tls-keystore", defaultValue = "${env:HAS_TLS_KEYSTORE}", paramLabel = "FILE",
            description = "Serve wss:// with this PKCS#12 keystore (env HAS_TLS_KEYSTORE).")
    Path tlsKeystore;

    @Option(names = "--tls-password", defaultValue = "${env:HAS_TLS_PASSWORD}", paramLabel = "PASSWORD",
            description = "Password of the keystore (env HAS_TLS_PASSWORD, preferred: arguments show in ps).")
    String tlsPassword;

    @Option(names = "--max-frame-bytes", defaultValue = "${env:HAS_MAX_FRAME_BYTES:-262144}", paramLabel = "BYTES",
            description = "Largest frame; larger closes the socket with 1009 (env HAS_MAX_FRAME_BYTES, default ${DEFAULT-VALUE}).")
    int maxFrameBytes;

    @Option(names = "--max-pending-per-socket", defaultValue = "${env:HAS_MAX_PENDING_PER_SOCKET:-1000}", paramLabel = "N",
            description = "Pending requests one app socket may have (env HAS_MAX_PENDING_PER_SOCKET, default ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--max-pending-mb-per-socket", defaultValue = "${env:HAS_MAX_PENDING_MB_PER_SOCKET}",
            paramLabel = "MIB", description = "Memory the frames of one app socket's requests waiting for a wallet may "
                    + "hold (env HAS_MAX_PENDING_MB_PER_SOCKET; default 16, or --max-pending-mb if smaller).")
    Integer maxPendingMegabytesPerSocket;

    @Option(names = "--max-accounts-per-socket", defaultValue = "${env:HAS_MAX_ACCOUNTS_PER_SOCKET:-1000}", paramLabel = "N",
            description = "Accounts one wallet socket may register (env HAS_MAX_ACCOUNTS_PER_SOCKET, default ${DEFAULT-VALUE}).")
    int maxAccounts;

    @Option(names = "--rate-limit", defaultValue = "${env:HAS_RATE_LIMIT:-100}", paramLabel = "PER_SECOND",
            description = "Messages per second one socket may send, sustained (env HAS_RATE_LIMIT, default ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--rate-burst", defaultValue = "${env:HAS_RATE_BURST:-1000}", paramLabel = "N",
            description = "Messages one socket may send in a burst (env HAS_RATE_BURST, default ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--max-connections", defaultValue = "${env:HAS_MAX_CONNECTIONS}", paramLabel = "N",
            description = "Open connections at most, counting those still in their handshake (env HAS_MAX_CONNECTIONS; "
                    + "default: as many as a fifth of the heap holds at 16 KiB each, at most 50000, and at most the "
                    + "open-file limit less a twentieth of it, at least 256, kept for the server's own files).")
    Integer maxConnections;

    @Option(names = "--max-pending-total", defaultValue = "${env:HAS_MAX_PENDING_TOTAL:-250000}", paramLabel = "N",
            description = "Requests waiting for a wallet in the whole server "
                    + "(env HAS_MAX_PENDING_TOTAL, default ${DEFAULT-VALUE}).")
    int maxPendingTotal;

    @Option(names = "--max-pending-mb", defaultValue = "${env:HAS_MAX_PENDING_MB}", paramLabel = "MIB",
            description = "Memory the frames of waiting requests may hold, and again the replies kept for attach "
                    + "(env HAS_MAX_PENDING_MB; default a tenth of the heap).")
    Integer maxPendingMegabytes;

    @Option(names = "--max-queued-kb-per-socket", defaultValue = "${env:HAS_MAX_QUEUED_KB_PER_SOCKET}",
            paramLabel = "KIB", description = "What may wait to be sent to one socket; a socket past it does not read "
                    + "and is closed (env HAS_MAX_QUEUED_KB_PER_SOCKET; default 1024, or --max-queued-mb if smaller).")
    Integer maxQueuedKilobytesPerSocket;

    @Option(names = "--max-queued-mb", defaultValue = "${env:HAS_MAX_QUEUED_MB}", paramLabel = "MIB",
            description = "What may wait to be sent to every socket together (env HAS_MAX_QUEUED_MB; default a tenth "
                    + "of the heap).")
    Integer maxQueuedMegabytes;

    @Option(names = "--max-receiving-mb", defaultValue = "${env:HAS_MAX_RECEIVING_MB}", paramLabel = "MIB",
            description = "Memory messages received in part may hold, over every socket (env HAS_MAX_RECEIVING_MB; "
                    + "default a tenth of the heap).")
    Integer maxReceivingMegabytes;

    @Option(names = "--drain-timeout", defaultValue = "${env:HAS_DRAIN_TIMEOUT:-30}", paramLabel = "SECONDS",
            description = "Seconds a socket may leave what is sent to it unread, or a message unfinished, before it is "
                    + "closed (env HAS_DRAIN_TIMEOUT, default ${DEFAULT-VALUE}).")
    int drainTimeout;

    @Option(names = "--handshake-timeout", defaultValue = "${env:HAS_HANDSHAKE_TIMEOUT:-10}", paramLabel = "SECONDS",
            description = "Seconds a connection may take to complete its WebSocket upgrade (env HAS_HANDSHAKE_TIMEOUT, "
                    + "default ${DEFAULT-VALUE}).")
    int handshakeTimeout;

    @Option(names = "--max-registrations", defaultValue = "${env:HAS_MAX_REGISTRATIONS:-1000000}", paramLabel = "N",
            description = "Account registrations in the whole server (env HAS_MAX_REGISTRATIONS, default ${DEFAULT-VALUE}).")
    int maxRegistrations;

    @Option(names = "--proxy-protocol", defaultValue = "${env:HAS_PROXY_PROTOCOL:-false}",
            description = "Expect a PROXY protocol header (v1 or v2, as HAProxy and nginx send it) on every connection "
                    + "and take the client's address from it; only behind a load balancer (env HAS_PROXY_PROTOCOL).")
    boolean proxyProtocol;

    @Option(names = "--max-connections-per-address", defaultValue = "${env:HAS_MAX_CONNECTIONS_PER_ADDRESS}",
            paramLabel = "N", description = "Connections one client address may hold (env "
                    + "HAS_MAX_CONNECTIONS_PER_ADDRESS; default: a tenth of --max-connections).")
    Integer maxConnectionsPerAddress;

    @Option(names = "--max-pending-per-address", defaultValue = "${env:HAS_MAX_PENDING_PER_ADDRESS}",
            paramLabel = "N", description = "Requests from one client address waiting for a wallet (env "
                    + "HAS_MAX_PENDING_PER_ADDRESS; default: a tenth of --max-pending-total).")
    Integer maxPendingPerAddress;

    @Option(names = "--max-registrations-per-address", defaultValue = "${env:HAS_MAX_REGISTRATIONS_PER_ADDRESS}",
            paramLabel = "N", description = "Registrations wallets from one client address may hold (env "
                    + "HAS_MAX_REGISTRATIONS_PER_ADDRESS; default: a tenth of --max-registrations).")
    Integer maxRegistrationsPerAddress;

    @Option(names = "--redis", defaultValue = "${env:HAS_REDIS}", paramLabel = "URI",
            description = "Run as one node of a cluster sharing its requests in Redis: redis://host:6379, rediss:// (TLS) "
                    + "or redis-sentinel://host:26379,host:26379#primary (env HAS_REDIS; off by default: one node alone). "
                    + "Every node needs the same --key-file.")
    String redis;

    @Option(names = "--redis-prefix", defaultValue = "${env:HAS_REDIS_PREFIX:-has:}", paramLabel = "PREFIX",
            description = "Start of every Redis key and channel of this cluster (env HAS_REDIS_PREFIX, default "
                    + "${DEFAULT-VALUE}).")
    String redisPrefix;

    private static final long MIB = 1024L * 1024;

    private final CountDownLatch stopSignal = new CountDownLatch(1);

    /** Runs the relay with the options of {@code args} until SIGTERM or SIGINT. */
    public static void main(String[] args) {
        ServerLogging.install();
        System.exit(commandLine(new HasServerCommand()).execute(args));
    }

    static CommandLine commandLine(HasServerCommand command) {
        CommandLine commandLine = new CommandLine(command);
        // A wrong setting (port in use, unreadable key file) is reported in one line, not a stack trace.
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("has-server: " + exception.getMessage());
            return 1;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        HasServer server = build().start();
        Counter suppressed = server.meterRegistry().counter("has.log.suppressed"); // the relay's own, shared
        LibraryLogFilter.countSuppressedWith(suppressed::increment);
        ShutdownSignals.onTermination(stopSignal::countDown);
        PrintWriter out = new CommandLine(this).getOut();
        String scheme = tlsKeystore == null ? "ws" : "wss";
        out.println("HAS server listening on " + scheme + "://" + host + ":" + server.port() + "/");
        out.flush();
        try {
            stopSignal.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        return 0;
    }

    HasServer build() {
        if (timeout < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second");
        }
        if (hiveTimeout < 1) {
            throw new IllegalArgumentException("--hive-timeout must be at least 1 second");
        }
        if (hiveCallsPerSecond < 1) {
            throw new IllegalArgumentException("--hive-calls-per-second must be at least 1");
        }
        HasServer.Builder builder = HasServer.builder()
                .host(host)
                .port(port)
                .hiveNodes(hiveApi)
                .hiveTimeout(Duration.ofSeconds(hiveTimeout))
                .hiveCallsPerSecond(hiveCallsPerSecond)
                .timeout(Duration.ofSeconds(timeout))
                .keyFile(keyFile)
                .strictPok(strictPok)
                .limits(limits())
                .transportLimits(transportLimits())
                .addressLimits(addressLimits(limits()))
                .proxyProtocol(proxyProtocol);
        if (httpPort != null) {
            builder.httpPort(httpPort);
        }
        if (redis != null && !redis.isBlank()) {
            builder.redis(RedisStoreSettings.of(redis).withPrefix(redisPrefix));
        }
        if (tlsKeystore != null) {
            if (tlsPassword == null) {
                throw new IllegalArgumentException("--tls-keystore needs --tls-password (or HAS_TLS_PASSWORD)");
            }
            builder.tls(new TlsKeystore(tlsKeystore, tlsPassword.toCharArray()));
        }
        return builder.build();
    }

    /**
     * The limits the options ask for, the memory caps not given fitted to this JVM's heap ({@link HeapBudget}) and the
     * connection cap to its open-file limit ({@link OpenFiles}); a setting that cannot work is refused with the options'
     * names.
     */
    Limits limits() {
        Limits fitted = OpenFiles.fit(HeapBudget.limits(HeapBudget.maxHeap()), OpenFiles.limit());
        long pendingBytes = maxPendingMegabytes == null ? fitted.maxPendingBytes() : positiveMib(maxPendingMegabytes,
                "--max-pending-mb");
        long perSocketBytes = maxPendingMegabytesPerSocket == null ? Math.min(fitted.maxPendingBytesPerSocket(), pendingBytes)
                : positiveMib(maxPendingMegabytesPerSocket, "--max-pending-mb-per-socket");
        if (perSocketBytes < maxFrameBytes) {
            throw new IllegalArgumentException("--max-pending-mb-per-socket (" + perSocketBytes / MIB
                    + " MiB) must hold at least one frame of --max-frame-bytes (" + maxFrameBytes + ")");
        }
        if (perSocketBytes > pendingBytes) {
            throw new IllegalArgumentException("--max-pending-mb-per-socket (" + perSocketBytes / MIB
                    + ") must not exceed --max-pending-mb (" + pendingBytes / MIB + ")");
        }
        return fitted
                .withMaxFrameBytes(maxFrameBytes)
                .withMaxPendingPerSocket(maxPending)
                .withMaxAccountsPerSocket(maxAccounts)
                .withRate(rateLimit, rateBurst)
                .withMaxConnections(maxConnections == null ? fitted.maxConnections() : maxConnections)
                .withPendingTotal(maxPendingTotal, pendingBytes)
                .withMaxPendingBytesPerSocket(perSocketBytes)
                .withMaxRegistrationsTotal(maxRegistrations);
    }

    /** What one client address may hold: the options given, a tenth of the server-wide caps for the others. */
    AddressLimits addressLimits(Limits limits) {
        AddressLimits tenth = AddressLimits.tenthOf(limits);
        return new AddressLimits(
                maxConnectionsPerAddress == null ? tenth.connections()
                        : positive(maxConnectionsPerAddress, "--max-connections-per-address"),
                maxPendingPerAddress == null ? tenth.pendingRequests()
                        : positive(maxPendingPerAddress, "--max-pending-per-address"),
                maxRegistrationsPerAddress == null ? tenth.registrations()
                        : positive(maxRegistrationsPerAddress, "--max-registrations-per-address"));
    }

    /** The network side's limits the options ask for, those not given fitted to the heap. */
    TransportLimits transportLimits() {
        TransportLimits fitted = HeapBudget.transport(HeapBudget.maxHeap());
        long total = maxQueuedMegabytes == null ? fitted.maxQueuedBytes() : positiveMib(maxQueuedMegabytes, "--max-queued-mb");
        long perSocket = maxQueuedKilobytesPerSocket == null ? Math.min(fitted.maxQueuedBytesPerSocket(), total)
                : positive(maxQueuedKilobytesPerSocket, "--max-queued-kb-per-socket") * 1024L;
        if (perSocket > total) {
            throw new IllegalArgumentException("--max-queued-kb-per-socket (" + perSocket / 1024
                    + ") must not exceed --max-queued-mb (" + total / MIB + " MiB)");
        }
        long receiving = maxReceivingMegabytes == null ? fitted.maxReceivingBytes()
                : positiveMib(maxReceivingMegabytes, "--max-receiving-mb");
        return fitted.withQueued(perSocket, total).withMaxReceivingBytes(receiving)
                .withTimeouts(Duration.ofSeconds(positive(drainTimeout, "--drain-timeout")),
                        Duration.ofSeconds(positive(handshakeTimeout, "--handshake-timeout")));
    }

    private static long positiveMib(int value, String option) {
        return positive(value, option) * MIB;
    }

    private static int positive(int value, String option) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return value;
    }

    /** For tests: ends {@link #call()} as SIGTERM would. */
    void requestStop() {
        stopSignal.countDown();
    }
}
