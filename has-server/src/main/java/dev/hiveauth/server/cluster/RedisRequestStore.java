package dev.hiveauth.server.cluster;

import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.server.observe.RelayMetrics;
import dev.hiveauth.server.relay.RequestStore;
import dev.hiveauth.server.relay.StoreUnavailableException;
import dev.hiveauth.server.relay.StoredRequest;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RequestStore} in Redis, shared by every node of a cluster. Redis holds the truth about each request (a hash
 * under its account's hash tag) and each account's waiting set; publish/subscribe only rings the doorbell, carrying the
 * forward or the reply so the common case needs no second read. Every message can be lost (a subscription drops, a
 * failover), and nothing is lost when one is: after any gap the node reads back from Redis what it may have missed.
 * Writes are Lua scripts that are safe to run twice, since the client resends what was in flight when it reconnects.
 *
 * <p>While Redis cannot be reached, commands fail at once (they are not queued): new requests and registrations are
 * refused with a reason, {@link #isAvailable()} is false for {@code /health}, and the client reconnects by itself.
 * A wallet's accepted reply is retried for {@link RedisStoreSettings#retryWindow()} before the wallet is told.
 */
public final class RedisRequestStore implements RequestStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRequestStore.class);
    /** Beyond a request's own time, how long Redis keeps its keys: the clocks of nodes differ a little. */
    private static final long SLACK_MILLIS = 5_000;
    private static final long RETRY_PAUSE_MILLIS = 200;
    /** How long a wallet catching up waits for its marker before it stops remembering what it got twice. */
    private static final long MARKER_WAIT_MILLIS = 3_000;
    /** How long a starting node waits for Redis to answer before it gives up. */
    private static final long STARTUP_WAIT_MILLIS = 10_000;

    private final RedisStoreSettings settings;
    private final RedisKeys keys;
    private final String node = UUID.randomUUID().toString();
    private final Clock clock;
    private final RelayMetrics metrics;
    private final ClientResources resources;
    private final RedisClient client;
    private final ScheduledExecutorService timer;
    private final Subscriptions subscriptions;
    private final KnownRequests<Known> offered = new KnownRequests<>();
    /**
     * Each request an APP connection of this node waits for: to look for its reply after a gap, and, for those made
     * here, to make them again if Redis lost them.
     */
    private final KnownRequests<Bound> boundHere = new KnownRequests<>();
    private final Map<Long, CompletableFuture<Void>> markers = new ConcurrentHashMap<>();
    private final AtomicLong markerIds = new AtomicLong();
    private final LuaScript createScript = LuaScript.load("create");
    private final LuaScript claimScript = LuaScript.load("claim");
    private final LuaScript attachScript = LuaScript.load("attach");
    private final LuaScript waitingScript = LuaScript.load("waiting");
    private final LuaScript cancelScript = LuaScript.load("cancel");
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile String serverKey;
    private volatile Deliveries deliveries;
    private volatile boolean commandsAnswer = true;
    private volatile boolean closed;

    private RedisRequestStore(RedisStoreSettings settings, Clock clock, RelayMetrics metrics) {
        this.settings = settings;
        this.keys = new RedisKeys(settings.prefix());
        this.clock = clock;
        this.metrics = metrics;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(settings.uri());
        uri.setTimeout(settings.commandTimeout());
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail at once while disconnected: a request queued for a minute would be a request the APP believes
                // accepted and no other node can see.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(100_000)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(settings.commandTimeout()).keepAlive(true).build())
                .build());
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "has-redis-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.subscriptions = new Subscriptions(client, keys, keys.inbox(node), this::onMessage, this::catchUpAfterGap,
                metrics);
    }

    /**
     * Connects to Redis and checks that the cluster uses {@code serverKey}: the first node records its public key, and
     * a node with another key refuses to start, since a wallet may fetch the key from one node and prove it to another.
     * The private key never leaves the node.
     *
     * @throws IllegalStateException when Redis cannot be reached or the cluster uses another server key
     */
    public static RedisRequestStore connect(RedisStoreSettings settings, PublicKey serverKey, Clock clock,
                                            RelayMetrics metrics) {
        RedisRequestStore store = new RedisRequestStore(settings, clock, metrics);
        try {
            store.commands = store.connectWithin(STARTUP_WAIT_MILLIS);
            store.checkServerKey(serverKey.toString());
        } catch (RuntimeException e) {
            store.close();
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("cannot reach Redis at " + RedisURI.create(settings.uri()).toString()
                    + ": " + e.getMessage(), e);
        }
        metrics.storeGauge(store::isAvailable);
        return store;
    }

    /**
     * The command connection, tried again for a while: nodes starting together with Redis, or on a busy host, may find
     * it not answering yet, and a node that gave up at once would need its orchestrator to start it again.
     */
    private StatefulRedisConnection<String, String> connectWithin(long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (true) {
            try {
                return client.connect();
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warn("Redis does not answer yet ({}); trying again", e.getMessage());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void checkServerKey(String publicKey) {
        serverKey = publicKey;
        var redis = commands.sync();
        redis.set(keys.serverKey(), publicKey, SetArgs.Builder.nx());
        String used = redis.get(keys.serverKey());
        if (!publicKey.equals(used)) {
            throw new IllegalStateException("this node's server key " + publicKey + " is not the one the cluster uses ("
                    + used + "): every node must be given the same key file (the wallets fetch the key from one node "
                    + "and prove it to another)");
        }
    }

    @Override
    public void open(Deliveries deliveries) {
        this.deliveries = deliveries;
        subscriptions.start();
        long every = settings.probeInterval().toMillis();
        timer.scheduleWithFixedDelay(this::probe, every, every, TimeUnit.MILLISECONDS);
    }

    private void probe() {
        try {
            subscriptions.probe((inbox, id) -> timed("probe", redis().publish(inbox, NodeMessage.probe(node, id))));
        } catch (RuntimeException e) {
            LOG.warn("probe failed: {}", e.toString());
        }
    }

    private RedisAsyncCommands<String, String> redis() {
        return commands.async();
    }

    @Override
    public CompletionStage<Void> create(StoredRequest request, long now) {
        String account = request.account();
        String uuid = request.uuid();
        // Known before the command: the reply may come back before Redis's answer to it does.
        boundHere.add(uuid, new Bound(account, request, new AtomicInteger()), request.expire());
        return timed("create", store(request, now, 0)).whenComplete((ok, failure) -> {
            if (failure != null) {
                boundHere.remove(uuid);
                giveUp(request);
            }
        });
    }

    /** The commands that store a request and forward it to the watching nodes ({@code generation}: see NodeMessage). */
    private CompletionStage<Void> store(StoredRequest request, long now, int generation) {
        String account = request.account();
        String uuid = request.uuid();
        long ttl = request.expire() - now + SLACK_MILLIS;
        String[] scriptKeys = {keys.request(account, uuid), keys.waiting(account)};
        String[] scriptArgs = {uuid, request.family().prefix(), Long.toString(request.expire()),
            request.forwardedFrame(), node, request.appConnection(), Long.toString(ttl), Long.toString(now),
            keys.accountChannel(account),
            NodeMessage.forwardHead(node, uuid, account, request.family(), request.expire(), generation),
            Integer.toString(generation)};
        try {
            StatefulRedisConnection<String, String> connection = commands;
            AsyncCommand<String, String, String> named = setCommand(keys.accountOf(uuid), account,
                    SetArgs.Builder.px(accountKeyMillis(request.expire() - now)));
            AsyncCommand<String, String, Long> created = createScript.integerCommand(scriptKeys, scriptArgs);
            // One write for both: at a steady rate each write wakes the client's event loop, then Redis, then the
            // event loop again for the answer, and two writes could do that twice.
            connection.dispatch(List.of(named, created));
            CompletionStage<Long> createdOrAgain = createScript.orByText(created, connection.async(),
                    ScriptOutputType.INTEGER, scriptKeys, scriptArgs);
            return named.thenCombine(createdOrAgain, (ok, count) -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static AsyncCommand<String, String, String> setCommand(String key, String value, SetArgs options) {
        CommandArgs<String, String> arguments = new CommandArgs<>(StringCodec.UTF8).addKey(key).addValue(value);
        options.build(arguments);
        return new AsyncCommand<>(new Command<>(CommandType.SET, new StatusOutput<>(StringCodec.UTF8), arguments));
    }

    /**
     * The longest any key of a request with {@code requestTime} to live stays in Redis: its uuid's account, which an
     * attach needs as long as the request can be attached to, through its reply's keep time (as long again).
     */
    public static Duration keysLiveAtMost(Duration requestTime) {
        return Duration.ofMillis(accountKeyMillis(requestTime.toMillis()));
    }

    private static long accountKeyMillis(long requestMillis) {
        return 2 * (requestMillis + SLACK_MILLIS);
    }

    /**
     * The app was told its request failed, but Redis may have run the creation all the same (it answered too late), or
     * run it later: the request is given up, so no wallet's answer can win it. Sent on the same connection, this runs
     * after the creation if that runs at all; if Redis cannot be reached, neither ran.
     */
    private void giveUp(StoredRequest request) {
        try {
            cancelScript.run(redis(), ScriptOutputType.INTEGER,
                    new String[] {keys.request(request.account(), request.uuid()), keys.waiting(request.account())},
                    request.uuid());
        } catch (RuntimeException e) {
            LOG.debug("giving up {} failed: {}", request.uuid(), e.toString());
        }
    }

    @Override
    public CompletionStage<RequestFacts> facts(String uuid) {
        Known known = offered.get(uuid);
        if (known != null) { // forwarded here, so a wallet here may answer it: checked without a round trip
            return CompletableFuture.completedFuture(known.facts());
        }
        return attempt(() -> timed("facts", redis().get(keys.accountOf(uuid)).thenCompose(account -> {
            if (account == null) {
                return CompletableFuture.completedFuture((RequestFacts) null);
            }
            return redis().hmget(keys.request(account, uuid), "fam", "exp", "st", "ku")
                    .thenApply(values -> facts(account, values));
        })));
    }

    private static RequestFacts facts(String account, List<KeyValue<String, String>> values) {
        String family = values.get(0).getValueOrElse(null);
        String expire = values.get(1).getValueOrElse(null);
        if (family == null || expire == null) {
            return null;
        }
        boolean answered = "a".equals(values.get(2).getValueOrElse(null));
        long exp = Long.parseLong(expire);
        long liveUntil = answered ? Long.parseLong(values.get(3).getValueOrElse("0")) : exp;
        return new RequestFacts(account, NodeMessage.familyOf(family), exp, answered, liveUntil);
    }

    @Override
    public CompletionStage<Claim> claim(String uuid, String account, Family family, String replyFrame, String token,
                                        long now, long keepUntil) {
        long ttl = keepUntil - now + SLACK_MILLIS;
        String[] scriptKeys = {keys.request(account, uuid), keys.waiting(account)};
        // A wallet's approval must not vanish in a failover: tried again until the window closes.
        return retrying(settings.retryWindow(), () -> timed("claim", claimScript.<List<Object>>run(redis(),
                ScriptOutputType.MULTI, scriptKeys, uuid, family.prefix(), replyFrame, token, Long.toString(now),
                Long.toString(keepUntil), Long.toString(ttl), keys.inboxPrefix(), node)))
                .thenApply(result -> Claim.of(Verdict.valueOf((String) result.get(0))));
    }

    @Override
    public CompletionStage<Attachment> attach(String uuid, String appConnection, long now) {
        return retrying(settings.retryWindow().dividedBy(3), () -> timed("attach",
                redis().get(keys.accountOf(uuid)).thenCompose(account -> {
                    if (account == null) {
                        return CompletableFuture.completedFuture(Attachment.UNKNOWN);
                    }
                    return attachScript.<List<Object>>run(redis(), ScriptOutputType.MULTI,
                            new String[] {keys.request(account, uuid)}, node, appConnection, Long.toString(now))
                            .thenApply(result -> attached(uuid, account, result));
                })));
    }

    private Attachment attached(String uuid, String account, List<Object> result) {
        switch ((String) result.get(0)) {
            case "WAITING" -> {
                boundHere.add(uuid, new Bound(account, null, new AtomicInteger()), Long.parseLong((String) result.get(1)));
                return Attachment.WAITING;
            }
            case "ANSWERED" -> {
                return new Attachment(AttachState.ANSWERED, (String) result.get(1));
            }
            default -> {
                return Attachment.UNKNOWN;
            }
        }
    }

    @Override
    public CompletionStage<Void> watch(String account) {
        return timed("subscribe", subscriptions.watch(account));
    }

    @Override
    public void unwatch(String account) {
        subscriptions.unwatch(account);
    }

    @Override
    public CompletionStage<Waiting> waiting(String account, long now) {
        long id = markerIds.incrementAndGet();
        CompletableFuture<Void> settled = new CompletableFuture<>();
        markers.put(id, settled);
        timer.schedule(() -> settle(id), MARKER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        return readWaiting(account, now, NodeMessage.marker(node, id))
                .thenApply(offers -> new Waiting(offers.stream().map(Offered::forward).toList(), settled))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        settle(id);
                    }
                });
    }

    private void settle(long markerId) {
        CompletableFuture<Void> settled = markers.remove(markerId);
        if (settled != null) {
            settled.complete(null);
        }
    }

    private CompletionStage<List<Offered>> readWaiting(String account, long now, String marker) {
        return attempt(() -> timed("waiting", waitingScript.<List<Object>>run(redis(), ScriptOutputType.MULTI,
                new String[] {keys.waiting(account)}, Long.toString(now), keys.requestPrefix(account),
                keys.inbox(node), marker))).thenApply(rows -> {
                    List<Offered> offers = new ArrayList<>(rows.size() / 5);
                    for (int i = 0; i + 4 < rows.size(); i += 5) {
                        offers.add(new Offered(new Forward((String) rows.get(i), account,
                                NodeMessage.familyOf((String) rows.get(i + 1)), Long.parseLong((String) rows.get(i + 2)),
                                (String) rows.get(i + 4)), Integer.parseInt((String) rows.get(i + 3))));
                    }
                    return offers;
                });
    }

    /** What the subscriptions bring: forwards for this node's wallets, replies for its APPs, its own probes. */
    private void onMessage(String channel, String text) {
        try {
            NodeMessage message = NodeMessage.parse(text);
            if (message == null) {
                LOG.debug("ignored a message on {} that is not the relay's", channel);
                return;
            }
            boolean fromElsewhere = !node.equals(message.from());
            switch (message.kind()) {
                case NodeMessage.FORWARD -> {
                    Forward forward = message.forward();
                    if (offerOnce(new Offered(forward, message.generation()))) {
                        if (fromElsewhere) {
                            metrics.relayedAcrossNodes("forward");
                        }
                        deliveries.forward(forward);
                    }
                }
                case NodeMessage.REPLY -> {
                    String uuid = message.fields()[0];
                    boundHere.remove(uuid);
                    if (fromElsewhere) {
                        metrics.relayedAcrossNodes("reply");
                    }
                    deliveries.reply(uuid, message.fields()[1], message.frame());
                }
                case NodeMessage.MARKER -> settle(Long.parseLong(message.frame()));
                case NodeMessage.PROBE -> subscriptions.probeBack(Long.parseLong(message.frame()));
                default -> LOG.debug("ignored a message of kind {}", message.kind());
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot handle a message on {}: {}", channel, e.toString());
        }
    }

    /**
     * After the subscriptions were made again: a request published or a reply sent to this node meanwhile reached
     * nobody. Everything is in Redis; this reads it back and delivers what is missing, once. The reads go over the
     * command connection, which may not be back yet when the subscription is (a failover drops both, and either may
     * reconnect first): the catch-up is tried again until every read succeeded, for the retry window, or what the gap
     * hid would stay lost while the node looks healthy.
     */
    private void catchUpAfterGap() {
        retrying(settings.retryWindow(), this::catchUpOnce).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("after a gap in the Redis subscription, what it may have hidden could not be read back within "
                        + "{} s: {}", settings.retryWindow().toSeconds(), failure.toString());
            }
        });
    }

    /** One try of {@link #catchUpAfterGap()}: fails if any read failed. Safe to repeat: nothing is delivered twice. */
    private CompletionStage<Void> catchUpOnce() {
        long now = clock.millis();
        AtomicLong forwards = new AtomicLong();
        List<CompletableFuture<?>> reads = new ArrayList<>();
        // A Redis that lost its data lost the cluster's key too: recorded again, so a node with another cannot start.
        reads.add(redis().set(keys.serverKey(), serverKey, SetArgs.Builder.nx()).toCompletableFuture());
        for (String account : subscriptions.accounts()) {
            reads.add(readWaiting(account, now, NodeMessage.marker(node, 0)).thenAccept(waiting -> {
                for (Offered offer : waiting) {
                    if (offerOnce(offer)) {
                        forwards.incrementAndGet();
                        deliveries.forward(offer.forward());
                    }
                }
            }).toCompletableFuture());
        }
        AtomicLong replies = new AtomicLong();
        AtomicLong remade = new AtomicLong();
        for (Map.Entry<String, Bound> entry : boundHere.snapshot().entrySet()) {
            String uuid = entry.getKey();
            Bound bound = entry.getValue();
            reads.add(redis().hmget(keys.request(bound.account(), uuid), "st", "an", "ac", "rep").thenCompose(values -> {
                String state = values.get(0).getValueOrElse(null);
                if ("a".equals(state) && node.equals(values.get(1).getValueOrElse(null)) && boundHere.get(uuid) != null) {
                    boundHere.remove(uuid);
                    replies.incrementAndGet();
                    deliveries.reply(uuid, values.get(2).getValueOrElse(""), values.get(3).getValueOrElse(""));
                } else if (state == null && bound.request() != null && bound.request().expire() > now
                        && boundHere.get(uuid) != null) {
                    // Redis lost it (a failover dropped the last writes, a restart without persistence): its app still
                    // waits, so it is made again, and offered again to every wallet, whose answer may have gone too.
                    remade.incrementAndGet();
                    return store(bound.request(), now, bound.remade().incrementAndGet());
                }
                return CompletableFuture.completedFuture(null);
            }).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
            metrics.recovered("forward", (int) forwards.get());
            metrics.recovered("reply", (int) replies.get());
            metrics.recovered("request", (int) remade.get());
            if (forwards.get() + replies.get() + remade.get() > 0) { // a try that only failed is told once, at the last
                LOG.info("after a gap in the Redis subscription: {} forward(s) and {} reply(ies) recovered, {} request(s) "
                        + "Redis had lost made again{}", forwards.get(), replies.get(), remade.get(),
                        failure == null ? "" : " (some reads failed: " + failure + ")");
            }
        });
    }

    @Override
    public void sweep(long now) {
        offered.sweep(now);
        boundHere.sweep(now);
    }

    /** Requests this node's APP connections wait for (the rest is in Redis). */
    @Override
    public int requestCount() {
        return boundHere.size();
    }

    @Override
    public boolean isAvailable() {
        StatefulRedisConnection<String, String> connection = commands;
        return !closed && commandsAnswer && connection != null && connection.isOpen() && subscriptions.isHealthy();
    }

    /** Times a command for the metrics, notes whether Redis answers, and turns a failure into the relay's exception. */
    private <T> CompletionStage<T> timed(String operation, CompletionStage<T> command) {
        long start = System.nanoTime();
        return command.handle((value, failure) -> {
            metrics.storeCommand(operation, System.nanoTime() - start, failure != null);
            if (failure == null) {
                commandsAnswer = true;
                return value;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof StoreUnavailableException unavailable) {
                throw unavailable;
            }
            noteFailure(cause);
            throw new StoreUnavailableException(operation + " failed in Redis: " + cause.getMessage(), cause);
        });
    }

    private void noteFailure(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (message.startsWith("READONLY")) {
            // After a failover the connection may still point at the old primary, now a replica: connect again, which
            // asks the Sentinels where the primary is.
            renewCommands();
        } else if (!message.startsWith("OOM")) {
            commandsAnswer = false;
        }
    }

    private synchronized void renewCommands() {
        StatefulRedisConnection<String, String> old = commands;
        try {
            commands = client.connect();
            old.closeAsync();
            LOG.warn("Redis answered READONLY: connected again to the primary");
            // the old primary may have taken writes the new one never got
            timer.execute(this::catchUpAfterGap);
        } catch (RuntimeException e) {
            commandsAnswer = false;
        }
    }

    /** A call that may throw as it sends, as a stage. */
    private static <T> CompletionStage<T> attempt(Supplier<CompletionStage<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Tries the call until it succeeds or {@code window} has passed; the calls are safe to repeat. */
    private <T> CompletionStage<T> retrying(Duration window, Supplier<CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tryOnce(System.nanoTime() + window.toNanos(), call, result);
        return result;
    }

    private <T> void tryOnce(long deadline, Supplier<CompletionStage<T>> call, CompletableFuture<T> result) {
        attempt(call).whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else if (!closed && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MILLIS) < deadline) {
                timer.schedule(() -> tryOnce(deadline, call, result), RETRY_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                result.completeExceptionally(failure);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        subscriptions.close();
        // The client closes every connection it opened (closing one twice logs a warning), and only then may its
        // event loops end: a channel that closes after them finds no loop to tell, and Netty logs an error.
        try {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.debug("closing the Redis client: {}", e.toString());
        }
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /**
     * A request an APP connection of this node waits for: its account, the request itself if it was made here, and how
     * many times this node made it again after Redis lost it.
     */
    private record Bound(String account, StoredRequest request, AtomicInteger remade) {
    }

    /** A request offered to this node's wallets, and its generation (how many times Redis lost it and it was made again). */
    private record Offered(Forward forward, int generation) {
    }

    /**
     * What this node remembers of a request it offered to its wallets, until it expires: what a reply is checked
     * against, and the generation. Not the forwarded frame, which the wallets have: a node holds a timeout's worth of
     * these (60,000 at 1,000 requests/s), and the frames would be most of its heap.
     */
    private record Known(RequestFacts facts, int generation) {
    }

    /** True the first time a request of this generation comes: each generation is offered to the wallets once. */
    private boolean offerOnce(Offered offer) {
        Forward forward = offer.forward();
        // still waiting for a wallet, as far as this node knows: a reply to it is checked against its expiry
        RequestFacts facts = new RequestFacts(forward.account(), forward.family(), forward.expire(), false,
                forward.expire());
        return offered.addIfNewer(forward.uuid(), new Known(facts, offer.generation()), forward.expire(),
                (fresh, known) -> fresh.generation() > known.generation());
    }
}
