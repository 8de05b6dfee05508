package dev.hiveauth.app;

import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.ChallengeReq;
import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.AuthPayload;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeReqData;
import dev.hiveauth.protocol.payload.ServiceAuthKey;
import dev.hiveauth.protocol.payload.SignReqData;
import dev.hiveauth.protocol.transport.Dialer;
import dev.hiveauth.protocol.transport.RelaySocket;
import dev.hiveauth.protocol.transport.SerialExecutor;
import dev.hiveauth.protocol.transport.Timers;
import dev.hiveauth.protocol.transport.TyrusDialer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An asynchronous HiveAuth client for applications: authenticates Hive accounts and asks their wallets to
 * sign transactions and challenges through a HAS, each request a {@link CompletableFuture} that completes
 * with the wallet's answer or a {@link HasException} saying why not.
 *
 * <pre>{@code
 * try (HasClient has = HasClient.builder().server("wss://hive-auth.arcange.eu").build()) {
 *     AuthResult login = has.authenticate(AuthRequest.newBuilder("alice").app("myapp")
 *             .onWait(prompt -> showQrCode(prompt.uri())).build()).join();
 *     Auth auth = login.auth(); // keep it: it holds the key shared with alice's wallet
 * }
 * }</pre>
 *
 * <p>One client serves a whole backend: any number of requests may be in flight, from any number of threads.
 * It paces itself to the relay's limits ({@link FlowControl}): requests leave in submission order over up to
 * four WebSockets, opened as the load needs them, and wait in a bounded queue beyond that. If a connection
 * drops while requests wait for their wallet, the client reconnects with backoff and re-attaches them. A client
 * owns no thread: its sockets, timers and reconnections run on threads every client in the JVM shares.
 * Callbacks ({@code onWait}, the futures' completions and whatever was chained to them, the
 * {@link ConnectionListener}) run one at a time on the builder's executor, a request's {@code onWait} always
 * before its result, never inside the client's lock: do not block in them waiting for another request of this
 * client. Thread-safe.
 */
public final class HasClient implements AutoCloseable {
    private final String server;
    private final String authKeySecret;
    private final Clock clock;
    private final Nonces nonces;
    private final RequestScheduler scheduler;

    private HasClient(Builder builder) {
        this.server = builder.server;
        this.authKeySecret = builder.authKeySecret;
        this.clock = builder.clock;
        this.nonces = new Nonces(clock);
        URI uri = URI.create(server);
        RelaySocket.Settings settings = new RelaySocket.Settings(builder.connectTimeout, builder.pingInterval,
                builder.pingInterval.multipliedBy(2), builder.backoffInitial, builder.backoffMax);
        this.scheduler = new RequestScheduler(new SerialExecutor(builder.executor), clock, builder.timers,
                builder.flowControl, builder.listener, events -> new RelaySocket(uri, builder.dialer, builder.timers,
                settings, () -> ThreadLocalRandom.current().nextDouble(), events));
        scheduler.start(builder.expiryCheck);
    }

    /** A builder; the server URL is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The HAS URL, as given to the builder; it is the {@code host} of every {@code has://} payload. */
    public String server() {
        return server;
    }

    /**
     * Opens the first connection if it is not open, completing with the server's {@code connected}; requests
     * connect by themselves, so calling this first is optional (it reports an unreachable server early).
     * Fails with {@link ConnectionFailedException}, or {@link ProtocolMismatchException} for a server whose
     * protocol is newer than 1.
     */
    public CompletableFuture<Connected> connect() {
        return scheduler.connect();
    }

    /**
     * Asks the account's wallet to authenticate this application, with a fresh auth_key (a UUID v4).
     *
     * @throws IllegalArgumentException when the request has no {@code onWait} and this client no service-mode
     *     secret: no wallet could read such a request (nothing is sent)
     */
    public CompletableFuture<AuthResult> authenticate(AuthRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.onWait() == null && authKeySecret == null) {
            throw new IllegalArgumentException("no wallet could read this authentication request: show its has:// link "
                    + "to the user (AuthRequest.Builder.onWait) or give the client the service wallet's secret "
                    + "(HasClient.Builder.authKeySecret)");
        }
        String account = request.account();
        String authKey = UUID.randomUUID().toString();
        String data = new AuthReqData(request.app(), request.challenge(), null).encrypt(authKey);
        String wrappedKey = authKeySecret == null ? null : ServiceAuthKey.wrap(authKey, authKeySecret);
        String frame = MessageCodec.encode(new AuthReq(account, data, wrappedKey, null, null, null));
        Consumer<? super AuthPrompt> onWait = request.onWait();
        Consumer<Wait> prompt = onWait == null ? null : wait -> onWait.accept(
                new AuthPrompt(wait.uuid(), wait.expire(), new AuthPayload(account, wait.uuid(), authKey, server)));
        return scheduler.submit(new PendingRequest<>(scheduler.nextSequence(), Family.AUTH, account, null, () -> frame,
                uuid -> ReplyValidator.auth(uuid, account, authKey), prompt, authHint(request)));
    }

    private String authHint(AuthRequest request) {
        String wallet = "a wallet holding " + request.account() + "'s keys, connected to " + server;
        if (authKeySecret == null) {
            return "Either the user did not approve it in time, or no wallet read the has:// link shown to the user ("
                    + wallet + " reads the request from it). If " + request.account() + "'s wallet is a service wallet "
                    + "(no screen to scan the link), it reads only requests that carry the secret it shares with this "
                    + "application: give the client that secret (authKeySecret; has-app login --auth-key-secret).";
        }
        return "Is a service wallet registered for " + request.account() + " on " + server + ", configured with the same "
                + "secret as this client's authKeySecret (its auth_req_secret)? A wallet silently ignores a request it "
                + "cannot open" + (request.onWait() == null ? "." : "; or the user did not approve the link in time.");
    }

    /**
     * Asks the wallet that granted the request's authentication to sign its operations, and to broadcast the
     * transaction unless the request says not to.
     *
     * @throws IllegalArgumentException when the authentication has expired (by this client's clock)
     */
    public CompletableFuture<SignResult> sign(SignRequest request) {
        Auth auth = requireLive(Objects.requireNonNull(request, "request").auth());
        SignReqData unsigned = new SignReqData(request.keyType(), request.operations(), request.broadcast(), null);
        // The nonce is taken as the request goes on the wire: a wallet refuses one below the last it saw, so
        // requests of concurrent callers must leave in the order of their nonces.
        Supplier<String> frame = () -> MessageCodec.encode(new SignReq(auth.account(), new SignReqData(
                unsigned.keyType(), unsigned.ops(), unsigned.broadcast(), nonces.next())
                        .encrypt(auth.authKey()), auth.token()));
        return scheduler.submit(new PendingRequest<>(scheduler.nextSequence(), Family.SIGN, auth.account(), auth.authKey(),
                frame, uuid -> ReplyValidator.sign(uuid, auth.authKey()), accepted(request.onWait()),
                grantedHint(auth, request.keyType().jsonName() + " key, and allow these operations")));
    }

    /**
     * Asks the wallet that granted the request's authentication to sign its text with the account's key of the
     * type asked for, or to decrypt it; completes with the key used and the signature or decrypted text.
     * {@link ChallengeVerifier} checks a signature.
     *
     * @throws IllegalArgumentException when the authentication has expired (by this client's clock)
     */
    public CompletableFuture<ChallengeResult> challenge(ChallengeRequest request) {
        Auth auth = requireLive(Objects.requireNonNull(request, "request").auth());
        // the nonce is taken as the request goes on the wire (see sign)
        Supplier<String> frame = () -> MessageCodec.encode(new ChallengeReq(auth.account(), new ChallengeReqData(
                request.keyType(), request.text(), request.decrypt(), nonces.next())
                        .encrypt(auth.authKey()), auth.token()));
        return scheduler.submit(new PendingRequest<>(scheduler.nextSequence(), Family.CHALLENGE, auth.account(),
                auth.authKey(), frame, uuid -> ReplyValidator.challenge(uuid, auth.authKey()), accepted(request.onWait()),
                grantedHint(auth, request.keyType().jsonName() + " key")));
    }

    private String grantedHint(Auth auth, String needs) {
        return "The wallet that granted this authentication did not answer: it must be connected to " + server
                + " and registered for " + auth.account() + ", still hold the authentication (not expired or revoked on "
                + "its side) and the " + needs + "; a wallet that declines without a nack lets the request expire.";
    }

    private static Consumer<Wait> accepted(Consumer<? super RequestAccepted> onWait) {
        return onWait == null ? null : wait -> onWait.accept(new RequestAccepted(wait.uuid(), wait.expire()));
    }

    private Auth requireLive(Auth auth) {
        if (auth.isExpired(clock)) {
            throw new IllegalArgumentException("the authentication of " + auth.account() + " expired at " + auth.expire()
                    + ": log in again");
        }
        return auth;
    }

    /** Closes the connections; requests still pending fail with {@link RequestLostException}. */
    @Override
    public void close() {
        scheduler.close();
    }

    /** Settings of a {@link HasClient}; only the server is required. */
    public static final class Builder {
        private String server;
        private String authKeySecret;
        private Clock clock = Clock.systemUTC();
        private Executor executor = ForkJoinPool.commonPool();
        private Timers timers = Timers.shared();
        private Dialer dialer;
        private FlowControl flowControl = FlowControl.DEFAULT;
        private ConnectionListener listener = new ConnectionListener() {
        };
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration backoffInitial = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofSeconds(30);
        private Duration expiryCheck = Duration.ofMillis(200);
        private Duration pingInterval = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The HAS WebSocket URL, e.g. {@code wss://hive-auth.arcange.eu}; also the payloads' {@code host}. */
        public Builder server(String url) {
            URI uri;
            try {
                uri = URI.create(Objects.requireNonNull(url, "url"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a URL: " + url);
            }
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("the HAS URL must look like ws://host:port/ or wss://host/, got " + url);
            }
            this.server = url;
            return this;
        }

        /**
         * Service mode: the secret shared with a wallet that has no screen to scan a QR code (its
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

        /**
         * What keep-alive, reconnection, pacing and expiry checks run on; default one timer thread shared by every
         * client in the JVM. Tests give timers they move by hand.
         */
        public Builder timers(Timers timers) {
            this.timers = Objects.requireNonNull(timers, "timers");
            return this;
        }

        /** How many connections, how fast, how much in flight and how much queued; default {@link FlowControl#DEFAULT}. */
        public Builder flowControl(FlowControl flowControl) {
            this.flowControl = Objects.requireNonNull(flowControl, "flowControl");
            return this;
        }

        /** Told when a connection drops while requests wait, and when it is back. */
        public Builder listener(ConnectionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How long opening a connection may take, up to the server's {@code connected}; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Delays between reconnect attempts, doubling from {@code initial} to {@code max}, with jitter; default 0.5 s to 30 s. */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.backoffInitial = Objects.requireNonNull(initial, "initial");
            this.backoffMax = Objects.requireNonNull(max, "max");
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
         * How often an open connection is pinged; one silent (no pong, no frame) for two intervals counts as dropped
         * (then the client reconnects and re-attaches). Default 30 s.
         */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** The transport, for tests that play the network; default Tyrus on the JVM's shared threads. */
        Builder dialer(Dialer dialer) {
            this.dialer = Objects.requireNonNull(dialer, "dialer");
            return this;
        }

        /**
         * @throws IllegalStateException when no server was given
         * @throws IllegalArgumentException when durations do not fit together (e.g. backoff initial above max)
         */
        public HasClient build() {
            if (server == null) {
                throw new IllegalStateException("the HAS URL is required: call server(url)");
            }
            if (dialer == null) {
                dialer = TyrusDialer.shared();
            }
            return new HasClient(this);
        }
    }
}
