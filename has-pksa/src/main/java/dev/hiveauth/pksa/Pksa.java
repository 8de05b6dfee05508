package dev.hiveauth.pksa;

import dev.hiveauth.protocol.chain.ChainId;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.payload.AuthPayload;
import dev.hiveauth.protocol.payload.PayloadException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * A HiveAuth wallet (PKSA): connects to relays, registers its accounts with proofs of key, and answers the
 * authentication, signing and challenge requests applications send them, as the {@link ApprovalPolicy}
 * decides. Start with {@link #builder()}, then {@link #connect(URI)} and, for the QR-code flow,
 * {@link #acceptPayload(String)}; {@link #close()} when done.
 */
public final class Pksa implements AutoCloseable {
    private final Builder settings;
    private final ExecutorService thread;
    private final ScheduledExecutorService timers;
    private final ClientManager client;
    private final Wallet wallet;
    private final OutOfBandPayloads payloads = new OutOfBandPayloads();
    private final RequestDispatcher dispatcher;
    private final FrameLog frames;
    private final Backoff backoff;
    private final Map<URI, ServerLink> links = new LinkedHashMap<>(); // used on the wallet's thread only
    private volatile boolean closed;

    private Pksa(Builder settings) {
        this.settings = settings;
        this.thread = Executors.newSingleThreadExecutor(daemon("has-pksa"));
        this.timers = Executors.newScheduledThreadPool(2, daemon("has-pksa-timer"));
        this.client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT,
                settings.connection.handshakeTimeout().toMillis());
        this.wallet = new Wallet(settings.keys, settings.auths, settings.policy, settings.rules, settings.clock,
                settings.hive, settings.chainId, settings.serviceSecret, settings.authDuration,
                Set.copyOf(settings.rejectUnapproved), settings.transactionExpiration, thread);
        this.dispatcher = new RequestDispatcher(wallet, payloads);
        this.frames = new FrameLog(settings.hideEncryptedData);
        this.backoff = new Backoff(settings.connection.minReconnectDelay(), settings.connection.maxReconnectDelay(),
                settings.random);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The accounts this wallet manages (those of its {@link KeyStore}). */
    public Set<String> accounts() {
        return settings.keys.accounts();
    }

    /**
     * Connects to a relay ({@code ws://} or {@code wss://}) and registers every managed account there, again
     * after each reconnection. Connecting to a relay already connected only adds the accounts.
     */
    public void connect(URI relay) {
        URI address = RelayAddress.normalize(relay);
        List<String> accounts = List.copyOf(accounts());
        run(() -> link(address).addAccounts(accounts));
    }

    /**
     * Accepts an authentication payload the user scanned or clicked ({@code has://auth_req/…}): connects to its
     * relay if needed, registers its account there, and approves the authentication request with that uuid,
     * whether the relay forwarded it already or does so later. Completes with the authentication once the
     * {@code auth_ack} is sent; fails when the request is not approved (e.g. its challenge needs a key this
     * wallet does not hold), expires, or does not come within the payload timeout.
     *
     * @throws IllegalArgumentException when the text is not a valid payload, or names an account this wallet
     *     does not manage
     */
    public CompletableFuture<Auth> acceptPayload(String payloadUri) {
        AuthPayload payload;
        try {
            payload = AuthPayload.parse(payloadUri);
        } catch (PayloadException e) {
            throw new IllegalArgumentException("not an authentication payload: " + e.getMessage(), e);
        }
        if (!accounts().contains(payload.account())) {
            throw new IllegalArgumentException("this wallet does not manage the account " + payload.account());
        }
        URI relay = RelayAddress.normalize(payload.host());
        CompletableFuture<Auth> outcome = new CompletableFuture<>();
        run(() -> {
            payloads.accept(payload, outcome);
            ServerLink link = link(relay);
            link.addAccounts(List.of(payload.account()));
            payloads.unpark(payload.uuid(), wallet.now())
                    .ifPresent(parked -> dispatcher.dispatch(parked.link(), parked.request()));
        });
        timers.schedule(() -> run(() -> payloads.expire(payload.uuid(),
                        "no authentication request " + payload.uuid() + " came within " + settings.payloadTimeout)),
                settings.payloadTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return outcome;
    }

    /** Disconnects from every relay; waiting payloads fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            links.values().forEach(link -> link.connection().stop());
            payloads.abandonAll("the wallet closed");
        }, thread);
        try {
            stopped.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        timers.shutdownNow();
        thread.shutdown();
        client.shutdown();
    }

    private ServerLink link(URI relay) {
        ServerLink link = links.get(relay);
        if (link == null) {
            link = new ServerLink(relay, settings.name, settings.keys, settings.clock, thread, settings.listener,
                    frames, dispatcher);
            link.attach(new HasConnection(relay, client, timers, settings.connection, backoff, link));
            links.put(relay, link);
            link.connection().start();
        }
        return link;
    }

    private void run(Runnable task) {
        if (closed) {
            throw new IllegalStateException("this PKSA is closed");
        }
        thread.execute(task);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Settings of a {@link Pksa}: keys are required; everything else has a safe default. */
    public static final class Builder {
        private String name = "has-pksa";
        private KeyStore keys;
        private AuthStore auths = AuthStore.inMemory();
        private ApprovalPolicy policy = ApprovalPolicy.always(Decision.ABSTAIN);
        private SigningRules rules = SigningRules.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private HiveClient hive;
        private ChainId chainId = ChainId.MAINNET;
        private String serviceSecret;
        private Duration authDuration = Duration.ofDays(1);
        private final Set<Family> rejectUnapproved = EnumSet.noneOf(Family.class);
        private Duration transactionExpiration = Duration.ofSeconds(60);
        private Duration payloadTimeout = Duration.ofMinutes(5);
        private boolean hideEncryptedData;
        private PksaListener listener = new PksaListener() {
        };
        private ConnectionSettings connection = ConnectionSettings.DEFAULT;
        private Random random = new Random();

        private Builder() {
        }

        /** The name sent in {@code register_req.app} (the reference's {@code pksa_name}); default "has-pksa". */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder keys(KeyStore keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Where authentications and nonces are kept; default in memory only. */
        public Builder auths(AuthStore auths) {
            this.auths = Objects.requireNonNull(auths, "auths");
            return this;
        }

        /** Who approves; default: nobody ({@link Decision#ABSTAIN} to everything). */
        public Builder policy(ApprovalPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder rules(SigningRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The Hive nodes transactions are built on and broadcast to; without one, signing requests fail. */
        public Builder hive(HiveClient hive) {
            this.hive = Objects.requireNonNull(hive, "hive");
            return this;
        }

        /** The chain signatures are made for; default Hive mainnet. */
        public Builder chainId(ChainId chainId) {
            this.chainId = Objects.requireNonNull(chainId, "chainId");
            return this;
        }

        /** Service mode: the secret shared with applications that send their auth_key in the auth_req. */
        public Builder serviceSecret(String secret) {
            this.serviceSecret = secret == null || secret.isEmpty() ? null : secret;
            return this;
        }

        /** How long a new authentication lasts; default one day. */
        public Builder authDuration(Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("an authentication must last some time");
            }
            this.authDuration = duration;
            return this;
        }

        /** Answer requests of these families with a nack when not approved, instead of leaving them to another wallet. */
        public Builder rejectUnapproved(Family... families) {
            rejectUnapproved.addAll(List.of(families));
            return this;
        }

        /** How long after the head block a signed transaction stays valid (1 s to 1 h); default 60 s. */
        public Builder transactionExpiration(Duration expiration) {
            this.transactionExpiration = Objects.requireNonNull(expiration, "expiration");
            return this;
        }

        /** How long an accepted payload waits for its request; default 5 minutes. */
        public Builder payloadTimeout(Duration timeout) {
            this.payloadTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Hide encrypted payloads and proofs of key from the frame log (the reference's hideEncryptedData). */
        public Builder hideEncryptedData(boolean hide) {
            this.hideEncryptedData = hide;
            return this;
        }

        public Builder listener(PksaListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** WebSocket ping period (default 60 s) and how long without a pong before reconnecting (default 180 s). */
        public Builder keepAlive(Duration pingInterval, Duration pongTimeout) {
            this.connection = new ConnectionSettings(pingInterval, pongTimeout, connection.minReconnectDelay(),
                    connection.maxReconnectDelay(), connection.handshakeTimeout());
            return this;
        }

        /** The first reconnection delay (default 1 s), doubled after each failure up to {@code max} (default 60 s). */
        public Builder reconnectDelay(Duration min, Duration max) {
            this.connection = new ConnectionSettings(connection.pingInterval(), connection.pongTimeout(), min, max,
                    connection.handshakeTimeout());
            new Backoff(min, max, random); // checks the values now rather than at the first reconnection
            return this;
        }

        /** The random source of the reconnection jitter (tests make it repeatable). */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Pksa build() {
            if (keys == null) {
                throw new IllegalStateException("a PKSA needs a KeyStore");
            }
            if (transactionExpiration.compareTo(Duration.ofSeconds(1)) < 0
                    || transactionExpiration.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalStateException("transactionExpiration must be between 1 s and 1 h");
            }
            return new Pksa(this);
        }
    }
}
