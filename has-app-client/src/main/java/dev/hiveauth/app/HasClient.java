package dev.hiveauth.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.chain.AccountName;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.ChallengeReq;
import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.AuthPayload;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.ChallengeReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.ServiceAuthKey;
import dev.hiveauth.protocol.payload.SignReqData;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * An asynchronous HiveAuth client for applications: authenticates Hive accounts and asks their wallets to
 * sign transactions and challenges through a HAS, each request a {@link CompletableFuture} that completes
 * with the wallet's answer or a {@link HasException} saying why not.
 *
 * <pre>{@code
 * try (HasClient has = HasClient.builder().server("wss://hive-auth.arcange.eu").build()) {
 *     AuthResult result = has.authenticate("alice", new AuthReqData.App("myapp"), null,
 *             prompt -> showQrCode(prompt.uri())).join();
 *     Auth auth = result.auth(); // keep it: it holds the key shared with alice's wallet
 * }
 * }</pre>
 *
 * <p>One client keeps one WebSocket, opened on first use; any number of requests may be in flight on it.
 * If it drops while requests wait for their wallet, the client reconnects with backoff and re-attaches
 * them. Callbacks ({@code onWait}, and the futures' completions with whatever was chained to them) run one
 * at a time on the builder's executor, a request's {@code onWait} always before its result, never inside the
 * client's lock: do not block in them waiting for another request of this client. Thread-safe.
 */
public final class HasClient implements AutoCloseable {
    private final String server;
    private final String authKeySecret;
    private final Clock clock;
    private final Nonces nonces;
    private final ClientManager manager;
    private final boolean ownsManager;
    private final ScheduledThreadPoolExecutor scheduler;
    private final HasConnection connection;

    private HasClient(Builder builder) {
        this.server = builder.server;
        this.authKeySecret = builder.authKeySecret;
        this.clock = builder.clock;
        this.nonces = new Nonces(clock);
        this.ownsManager = builder.manager == null;
        this.manager = ownsManager ? ClientManager.createClient() : builder.manager;
        if (ownsManager) {
            manager.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, builder.connectTimeout.toMillis());
        }
        this.scheduler = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "has-client");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        Backoff backoff = new Backoff(builder.backoffInitial, builder.backoffMax,
                () -> ThreadLocalRandom.current().nextDouble());
        this.connection = new HasConnection(URI.create(server), manager, scheduler, clock, backoff,
                builder.connectTimeout, builder.pingInterval, new CallbackQueue(builder.executor));
        connection.start(builder.expiryCheck);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The HAS URL, as given to the builder; it is the {@code host} of every {@code has://} payload. */
    public String server() {
        return server;
    }

    /**
     * Opens the connection if it is not open, completing with the server's {@code connected}; requests
     * connect by themselves, so calling this first is optional (it reports an unreachable server early).
     * Fails with {@link ConnectionFailedException}, or {@link ProtocolMismatchException} for a server whose
     * protocol is newer than 1.
     */
    public CompletableFuture<Connected> connect() {
        return connection.connect();
    }

    /**
     * Asks {@code account}'s wallet to authenticate this application, with a fresh auth_key (a UUID v4).
     *
     * @param app who is asking, shown to the user by the wallet
     * @param challenge a challenge the wallet signs in the same round trip, or null
     * @param onWait receives the {@code has://} link to show (QR code or deep link) once the HAS took the
     *     request, or null (service mode needs none)
     */
    public CompletableFuture<AuthResult> authenticate(String account, AuthReqData.App app,
                                                      AuthReqData.Challenge challenge,
                                                      Consumer<? super AuthPrompt> onWait) {
        AccountName.requireValid(account);
        Objects.requireNonNull(app, "app");
        String authKey = UUID.randomUUID().toString();
        String data = new AuthReqData(app, challenge, null).encrypt(authKey);
        String wrappedKey = authKeySecret == null ? null : ServiceAuthKey.wrap(authKey, authKeySecret);
        String frame = MessageCodec.encode(new AuthReq(account, data, wrappedKey, null, null, null));
        Consumer<Wait> prompt = onWait == null ? null : wait -> onWait.accept(
                new AuthPrompt(wait.uuid(), wait.expire(), new AuthPayload(account, wait.uuid(), authKey, server)));
        return connection.submit(new PendingRequest<>(Family.AUTH, account, () -> frame,
                uuid -> ReplyValidator.auth(uuid, account, authKey), prompt));
    }

    /** As {@link #signTransaction(Auth, KeyType, JsonNode, boolean, Consumer)} without a wait callback. */
    public CompletableFuture<SignResult> signTransaction(Auth auth, KeyType keyType, JsonNode ops, boolean broadcast) {
        return signTransaction(auth, keyType, ops, broadcast, null);
    }

    /**
     * Asks the wallet that granted {@code auth} to sign {@code ops} with the account's {@code keyType} key
     * (posting or active), and to broadcast the transaction unless {@code broadcast} is false.
     *
     * @param ops a JSON array of operations, {@code [["vote", {...}], …]}
     * @param onWait receives the {@code sign_wait} (uuid and expiry), or null
     * @throws IllegalArgumentException when {@code auth} has expired (by this client's clock)
     */
    public CompletableFuture<SignResult> signTransaction(Auth auth, KeyType keyType, JsonNode ops, boolean broadcast,
                                                         Consumer<? super Wait> onWait) {
        requireLive(auth);
        SignReqData checked = new SignReqData(keyType, ops, broadcast, null); // invalid arguments fail here, now
        // The nonce is taken as the request goes on the wire: a wallet refuses one below the last it saw, so
        // requests of concurrent callers must leave in the order of their nonces.
        Supplier<String> frame = () -> MessageCodec.encode(new SignReq(auth.account(), new SignReqData(
                checked.keyType(), checked.ops(), checked.broadcast(), nonces.next()).encrypt(auth.authKey()), auth.token()));
        return connection.submit(new PendingRequest<>(Family.SIGN, auth.account(), frame,
                uuid -> ReplyValidator.sign(uuid, auth.authKey()), onWait));
    }

    /** As {@link #challenge(Auth, KeyType, String, boolean, Consumer)} without a wait callback. */
    public CompletableFuture<ChallengeAckData> challenge(Auth auth, KeyType keyType, String text, boolean decrypt) {
        return challenge(auth, keyType, text, decrypt, null);
    }

    /**
     * Asks the wallet that granted {@code auth} to sign {@code text} with the account's {@code keyType} key
     * (or, with {@code decrypt}, to decrypt the {@code #…} memo {@code text}); completes with the public key
     * used and the signature or decrypted text. {@link ChallengeVerifier} checks a signature.
     *
     * @param onWait receives the {@code challenge_wait} (uuid and expiry), or null
     * @throws IllegalArgumentException when {@code auth} has expired (by this client's clock)
     */
    public CompletableFuture<ChallengeAckData> challenge(Auth auth, KeyType keyType, String text, boolean decrypt,
                                                         Consumer<? super Wait> onWait) {
        requireLive(auth);
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(text, "text");
        // the nonce is taken as the request goes on the wire (see signTransaction)
        Supplier<String> frame = () -> MessageCodec.encode(new ChallengeReq(auth.account(), new ChallengeReqData(
                keyType, text, decrypt, nonces.next()).encrypt(auth.authKey()), auth.token()));
        return connection.submit(new PendingRequest<>(Family.CHALLENGE, auth.account(), frame,
                uuid -> ReplyValidator.challenge(uuid, auth.authKey()), onWait));
    }

    private void requireLive(Auth auth) {
        if (auth.isExpired(clock)) {
            throw new IllegalArgumentException("the authentication of " + auth.account() + " expired at " + auth.expire());
        }
    }

    /**
     * Closes the connection and releases the client's threads; requests still pending fail with
     * {@link RequestLostException}.
     */
    @Override
    public void close() {
        connection.close();
        scheduler.shutdownNow();
        if (ownsManager) {
            manager.shutdown();
        }
    }

    /** Settings of a {@link HasClient}; only the server is required. */
    public static final class Builder {
        private String server;
        private String authKeySecret;
        private Clock clock = Clock.systemUTC();
        private Executor executor = ForkJoinPool.commonPool();
        private ClientManager manager;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration backoffInitial = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofSeconds(30);
        private Duration expiryCheck = Duration.ofMillis(200);
        private Duration pingInterval = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The HAS WebSocket URL, e.g. {@code wss://hive-auth.arcange.eu}; also the payloads' {@code host}. */
        public Builder server(String url) {
            URI uri = URI.create(Objects.requireNonNull(url, "url"));
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
                throw new IllegalArgumentException("the HAS URL must start with ws:// or wss://");
            }
            this.server = url;
            return this;
        }

        /**
         * Service mode: the secret shared with a PKSA that has no screen to scan a QR code (its
         * {@code auth_req_secret}); every {@code auth_req} then carries the auth_key encrypted with it.
         */
        public Builder authKeySecret(String secret) {
            this.authKeySecret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** The clock request expiry and nonces are read from; default the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where callbacks and future completions run, one at a time; default the common pool. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** A Tyrus client to share between clients (each has its own threads); default one per client. */
        public Builder clientManager(ClientManager manager) {
            this.manager = Objects.requireNonNull(manager, "manager");
            return this;
        }

        /** How long opening a connection may take, up to the server's {@code connected}; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the connect timeout must be positive");
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** Delays between reconnect attempts, doubling from {@code initial} to {@code max}, with jitter; default 0.5 s to 30 s. */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            new Backoff(initial, max, () -> 0); // validates
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /** How often pending requests are checked against their expiry; default 200 ms. */
        public Builder expiryCheckInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the expiry check interval must be positive");
            }
            this.expiryCheck = interval;
            return this;
        }

        /**
         * How often the open connection is pinged; a ping without a pong by the next one counts as a dropped
         * connection (then the client reconnects and re-attaches). Default 30 s.
         */
        public Builder pingInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the ping interval must be positive");
            }
            this.pingInterval = interval;
            return this;
        }

        public HasClient build() {
            if (server == null) {
                throw new IllegalStateException("the HAS URL is required: call server(url)");
            }
            return new HasClient(this);
        }
    }
}
