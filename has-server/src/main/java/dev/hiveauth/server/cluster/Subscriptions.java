package dev.hiveauth.server.cluster;

import dev.hiveauth.server.observe.RelayMetrics;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's subscriptions: its inbox, and the channel of every account a wallet registered here, counted so that the
 * last registration to go unsubscribes. Redis forgets a connection's subscriptions when it drops, and a connection can
 * look healthy while delivering nothing (a failover behind a proxy); so the node keeps its own list, probes delivery by
 * publishing to itself, and on any reconnection or failed probe subscribes everything again from its list, then asks
 * the store to catch up on what may have been missed ({@code afterRenewal}).
 */
final class Subscriptions implements RedisConnectionStateListener {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
    /** Channels per SUBSCRIBE when subscribing everything again: one command stays small. */
    private static final int BATCH = 500;
    /** Probes sent without any coming back before the connection is made again. */
    private static final int PROBES_MISSED = 3;

    private final RedisClient client;
    private final RedisKeys keys;
    private final String inbox;
    private final BiConsumer<String, String> messages;
    private final Runnable afterRenewal;
    private final RelayMetrics metrics;
    private final Map<String, Watch> watched = new HashMap<>();
    private volatile StatefulRedisPubSubConnection<String, String> connection;
    private volatile long probesSent;
    private volatile long probesBack;
    private volatile boolean healthy;
    private volatile boolean closed;

    Subscriptions(RedisClient client, RedisKeys keys, String inbox, BiConsumer<String, String> messages,
                  Runnable afterRenewal, RelayMetrics metrics) {
        this.client = client;
        this.keys = keys;
        this.inbox = inbox;
        this.messages = messages;
        this.afterRenewal = afterRenewal;
        this.metrics = metrics;
    }

    /** Connects and subscribes the inbox; fails if Redis cannot be reached. */
    void start() {
        client.addListener(this);
        connection = connect();
        connection.sync().subscribe(inbox);
        healthy = true;
    }

    private StatefulRedisPubSubConnection<String, String> connect() {
        StatefulRedisPubSubConnection<String, String> made = client.connectPubSub();
        made.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                messages.accept(channel, message);
            }
        });
        return made;
    }

    /** A wallet of this node registered the account: subscribed once the stage completes. */
    synchronized CompletionStage<Void> watch(String account) {
        Watch watch = watched.computeIfAbsent(account, name -> new Watch());
        watch.count++;
        if (watch.subscribed == null || watch.subscribed.isCompletedExceptionally()) {
            watch.subscribed = subscribe(List.of(keys.accountChannel(account)));
        }
        return watch.subscribed;
    }

    /** One registration of the account ended here; the last one unsubscribes. */
    synchronized void unwatch(String account) {
        Watch watch = watched.get(account);
        if (watch == null || --watch.count > 0) {
            return;
        }
        watched.remove(account);
        try {
            connection.async().unsubscribe(keys.accountChannel(account));
        } catch (RuntimeException e) {
            // Redis unreachable: at worst the node goes on receiving the account's requests, for no wallet of its own
            LOG.debug("unsubscribing {} failed: {}", account, e.toString());
        }
    }

    /** The accounts some wallet of this node registered. */
    synchronized List<String> accounts() {
        return new ArrayList<>(watched.keySet());
    }

    private CompletableFuture<Void> subscribe(List<String> channels) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            connection.async().subscribe(channels.toArray(String[]::new)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Called every probe interval with a way to publish: notices missing probes, and sends the next. */
    void probe(BiConsumer<String, Long> publish) {
        if (closed) {
            return;
        }
        if (probesSent - probesBack >= PROBES_MISSED) {
            healthy = false;
            LOG.warn("the Redis subscription delivered none of the last {} probes: subscribing again", PROBES_MISSED);
            metrics.pubSubRenewed("probe_failed");
            renew(true);
        }
        long id = ++probesSent;
        publish.accept(inbox, id);
    }

    /** A probe came back: the subscription delivers. */
    void probeBack(long id) {
        if (id > probesBack) {
            probesBack = id;
        }
        if (probesSent - probesBack < PROBES_MISSED) {
            healthy = true;
        }
    }

    /** True while the subscription delivers (the probes come back). */
    boolean isHealthy() {
        return healthy && connection.isOpen();
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
        if (handler == connection && !closed) {
            metrics.pubSubRenewed("reconnected");
            renew(false);
        }
    }

    /**
     * Subscribes every channel again (on a new connection if {@code replace}: the old one may be attached to a server
     * that no longer gets the publishes), then has the store catch up on what the gap may have lost.
     */
    private void renew(boolean replace) {
        List<String> channels = new ArrayList<>();
        channels.add(inbox);
        accounts().forEach(account -> channels.add(keys.accountChannel(account)));
        if (replace) {
            StatefulRedisPubSubConnection<String, String> old = connection;
            try {
                connection = connect();
            } catch (RuntimeException e) {
                LOG.warn("cannot reconnect the Redis subscription yet: {}", e.toString());
                return; // the next probe tries again
            }
            old.closeAsync();
        }
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < channels.size(); from += BATCH) {
            batches.add(subscribe(channels.subList(from, Math.min(channels.size(), from + BATCH))));
        }
        CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("subscribing again failed: {}", failure.toString());
                return; // the probes go on failing, and the next renewal tries again
            }
            probesBack = probesSent; // a fresh start: the probes lost with the old connection do not count
            afterRenewal.run();
        });
    }

    /** Stops renewing the subscription; its connection is closed with the client's others ({@code RedisClient}). */
    void close() {
        closed = true;
    }

    /** One account's registrations here and its subscription. */
    private static final class Watch {
        int count;
        CompletableFuture<Void> subscribed;
    }
}
