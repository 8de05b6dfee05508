package dev.hiveauth.pksa;

import dev.hiveauth.protocol.chain.ChainId;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.payload.AuthPayload;
import dev.hiveauth.protocol.payload.PayloadException;
import dev.hiveauth.protocol.transport.Backoff;
import dev.hiveauth.protocol.transport.Dialer;
import dev.hiveauth.protocol.transport.RelaySocket;
import dev.hiveauth.protocol.transport.SerialExecutor;
import dev.hiveauth.protocol.transport.Timers;
import dev.hiveauth.protocol.transport.TyrusDialer;
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
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A HiveAuth wallet (PKSA): connects to relays, registers its accounts with proofs of key, and answers the
 * authentication, signing and challenge requests applications send them, as the {@link ApprovalPolicy}
 * decides. Start with {@link #builder()}, then {@link #connect(URI)} and, for the QR-code flow,
 * {@link #acceptPayload(String)}; {@link #close()} when done.
 *
 * <p>A wallet owns no thread: its decisions run one at a time on threads every wallet in the JVM shares, and its
 * sockets and timers on the client transport's. Each relay connection is a state machine ({@link RelayLink}) that
 * reconnects with backoff, registers every account again after each reconnection, tries a refused registration
 * again (soon when the reason passes, e.g. the relay could not reach the chain), and sends an answer again when
 * the relay refuses it for rate or load.
 */
public final class Pksa implements AutoCloseable {
    private final Settings settings;
    private final SerialExecutor thread;
    private final OutOfBandPayloads payloads = new OutOfBandPayloads();
    private final RequestDispatcher dispatcher;
    private final WalletContext context;
    private final Map<URI, RelayLink> links = new LinkedHashMap<>(); // used on the wallet's thread only
    private final AtomicReference<HiveClient> chain;
    private volatile boolean closed;

    private Pksa(Settings settings) {
        this.settings = settings;
        this.thread = new SerialExecutor(settings.executor);
        this.chain = new AtomicReference<>(settings.hive);
        Wallet wallet = new Wallet(settings.keys, settings.auths, settings.policy, settings.rules, settings.clock,
                chain, settings.chainId, settings.serviceSecret, settings.authDuration,
                settings.rejectUnapproved, settings.transactionExpiration, thread, new IgnoredRequests());
        this.dispatcher = new RequestDispatcher(wallet, payloads);
        Backoff retries = new Backoff(settings.socket.minBackoff(), settings.socket.maxBackoff(), settings.random::nextDouble);
        this.context = new WalletContext(settings.name, wallet, thread, settings.timers, settings.listener,
                new FrameLog(settings.hideEncryptedData), retries, (uri, events) -> new RelaySocket(uri, settings.dialer,
                settings.timers, settings.socket, settings.random::nextDouble, events));
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The accounts this wallet manages (those of its {@link KeyStore}). */
    public Set<String> accounts() {
        return settings.keys.accounts();
    }

    /**
     * Connects to a relay ({@code ws://} or {@code wss://}) and registers every managed account there, again after
     * each reconnection; connecting to a relay already connected only adds accounts. The future completes once the
     * relay registered every account, or fails with {@link RegistrationRefusedException} naming those it refused
     * (the wallet keeps trying them), or {@link ProtocolDeclinedException}; it does not time out by itself.
     */
    public CompletableFuture<Void> connect(URI relay) {
        URI address = RelayAddress.normalize(relay);
        List<String> accounts = List.copyOf(accounts());
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        run(() -> link(address).addAccounts(accounts).whenComplete((done, failure) -> {
            if (failure == null) {
                outcome.complete(null);
            } else {
                outcome.completeExceptionally(failure);
            }
        }));
        return outcome;
    }

    /**
     * Accepts an authentication payload the user scanned or clicked ({@code has://auth_req/…}): connects to its
     * relay if needed, registers its account there, and approves the authentication request with that uuid,
     * whether the relay forwarded it already or does so later. Completes with the authentication once the
     * {@code auth_ack} is sent; fails with {@link ApprovalRefusedException} when it is not approved (e.g. its
     * challenge needs a key this wallet does not hold), {@link PayloadExpiredException} when the request expires or
     * does not come within the payload timeout, {@link PayloadMismatchException} when the request does not match the
     * payload, {@link WalletClosedException} when the wallet closes first.
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
            link(relay).addAccounts(List.of(payload.account()));
            payloads.unpark(payload.uuid(), context.wallet().now())
                    .ifPresent(parked -> dispatcher.dispatch(parked.link(), parked.request()));
        });
        settings.timers.schedule(settings.payloadTimeout.toMillis(), () -> thread.execute(() -> payloads.expire(
                payload.uuid(), "no authentication request " + payload.uuid() + " came within " + settings.payloadTimeout)));
        return outcome;
    }

    /**
     * Replaces the Hive API client: transactions signed from now on are built on its nodes and broadcast to them (one
     * under way finishes where it started). For a wallet whose user or operator changes nodes while it runs.
     */
    public void useHive(HiveClient hive) {
        chain.set(Objects.requireNonNull(hive, "hive"));
    }

    /** Disconnects from every relay; waiting payloads fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        thread.execute(() -> {
            links.values().forEach(RelayLink::close);
            payloads.abandonAll("the wallet closed");
            stopped.complete(null);
        });
        thread.shutDown();
        try {
            stopped.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }

    private RelayLink link(URI relay) {
        return links.computeIfAbsent(relay, uri -> new RelayLink(uri, context, dispatcher));
    }

    private void run(Runnable task) {
        if (closed) {
            throw new IllegalStateException("this PKSA is closed");
        }
        thread.execute(task);
    }

    /** The builder's settings, copied by {@link Builder#build()}: changing the builder later changes no wallet. */
    private record Settings(String name, KeyStore keys, AuthStore auths, ApprovalPolicy policy, SigningRules rules,
                            Clock clock, HiveClient hive, ChainId chainId, String serviceSecret, Duration authDuration,
                            Set<Family> rejectUnapproved, Duration transactionExpiration, Duration payloadTimeout,
                            boolean hideEncryptedData, PksaListener listener, RelaySocket.Settings socket,
                            Random random, Executor executor, Timers timers, Dialer dialer) {
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
        private RelaySocket.Settings socket = new RelaySocket.Settings(Duration.ofSeconds(15), Duration.ofSeconds(60),
                Duration.ofSeconds(180), Duration.ofSeconds(1), Duration.ofSeconds(60));
        private Random random = new Random();
        private Executor executor = WalletThreads.shared();
        private Timers timers = Timers.shared();
        private Dialer dialer;

        private Builder() {
        }

        /** The name sent in {@code register_req.app} (the reference's {@code pksa_name}); default "has-pksa". */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Where the wallet's private keys come from (required). */
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

        /** What the wallet refuses to sign whatever the policy says; default {@link SigningRules#DEFAULT}. */
        public Builder rules(SigningRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** The clock expiry and nonces are read from; default the system clock (UTC). */
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

        /** Told of what the wallet does; default nobody. */
        public Builder listener(PksaListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** WebSocket ping period (default 60 s) and how long without a pong before reconnecting (default 180 s). */
        public Builder keepAlive(Duration pingInterval, Duration pongTimeout) {
            this.socket = socket.withKeepAlive(pingInterval, pongTimeout);
            return this;
        }

        /**
         * The first delay before reconnecting (default 1 s), doubled after each failure up to {@code max} (default
         * 60 s), half of each at random; registrations and answers the relay refused for now are spaced the same way.
         */
        public Builder reconnectDelay(Duration min, Duration max) {
            this.socket = socket.withBackoff(min, max);
            return this;
        }

        /** How long connecting to a relay may take, and again its answer to the first frame; default 15 s. */
        public Builder connectTimeout(Duration timeout) {
            this.socket = socket.withConnectTimeout(timeout);
            return this;
        }

        /** The random source of the reconnection jitter (tests make it repeatable). */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Where the wallet's decisions run, one at a time (approving, signing, writing its state); default a pool
         * every wallet in the JVM shares.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** What keep-alive, reconnection and retries run on; default one timer thread shared by the JVM. */
        public Builder timers(Timers timers) {
            this.timers = Objects.requireNonNull(timers, "timers");
            return this;
        }

        /** The transport, for tests that play the network; default Tyrus on the JVM's shared threads. */
        Builder dialer(Dialer dialer) {
            this.dialer = Objects.requireNonNull(dialer, "dialer");
            return this;
        }

        /** A wallet with a copy of these settings. */
        public Pksa build() {
            if (keys == null) {
                throw new IllegalStateException("a PKSA needs a KeyStore");
            }
            if (transactionExpiration.compareTo(Duration.ofSeconds(1)) < 0
                    || transactionExpiration.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalStateException("transactionExpiration must be between 1 s and 1 h");
            }
            return new Pksa(new Settings(name, keys, auths, policy, rules, clock, hive, chainId, serviceSecret,
                    authDuration, Set.copyOf(rejectUnapproved), transactionExpiration, payloadTimeout, hideEncryptedData,
                    listener, socket, random, executor, timers, dialer == null ? TyrusDialer.shared() : dialer));
        }
    }
}
