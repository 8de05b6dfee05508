package dev.hiveauth.protocol.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Redis primary, its replica and three sentinels watching them, all {@link LocalRedis} processes on 127.0.0.1: what
 * a relay configured with {@link #sentinelUri()} meets in production, small enough for a test. {@link #start()}
 * returns once the replica is in sync and every sentinel knows the replica and the two other sentinels, so a
 * {@link #failover()} can start at once.
 *
 * <pre>{@code
 * try (LocalRedisSentinels redis = LocalRedisSentinels.start()) {
 *     RedisClient client = RedisClient.create(redis.sentinelUri());
 *     ...
 *     LocalRedis newPrimary = redis.failover();
 * }
 * }</pre>
 */
public final class LocalRedisSentinels implements AutoCloseable {
    private static final String MASTER_NAME = "mymaster";
    private static final int SENTINELS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    /** Long enough for sentinels to see a crash (down-after 1 s), agree on it and elect a leader, twice if need be. */
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(20);
    /**
     * A primary waits 5 s by default before it streams a full copy to a replica (to serve several at once); here there
     * is one replica, and the wait would be most of the start's time.
     */
    private static final String[] NODE_OPTIONS = {"--repl-diskless-sync-delay", "0"};

    private final List<LocalRedis> nodes;
    private final List<LocalRedis> sentinels;

    private LocalRedisSentinels(List<LocalRedis> nodes, List<LocalRedis> sentinels) {
        this.nodes = nodes;
        this.sentinels = sentinels;
    }

    /** Starts the five processes and waits until replication and the sentinels are ready. */
    public static LocalRedisSentinels start() {
        List<LocalRedis> started = new ArrayList<>();
        try {
            LocalRedis primary = LocalRedis.start(NODE_OPTIONS);
            started.add(primary);
            List<String> replicaOptions = new ArrayList<>(List.of(NODE_OPTIONS));
            replicaOptions.addAll(List.of("--replicaof", primary.host(), Integer.toString(primary.port())));
            LocalRedis replica = LocalRedis.start(replicaOptions.toArray(String[]::new));
            started.add(replica);
            awaitReplication(primary, replica);

            List<LocalRedis> sentinels = new ArrayList<>();
            for (int i = 0; i < SENTINELS; i++) {
                LocalRedis sentinel = LocalRedis.startSentinel(sentinelConfig(primary));
                started.add(sentinel);
                sentinels.add(sentinel);
                speedUp(sentinel);
            }
            LocalRedisSentinels group = new LocalRedisSentinels(List.of(primary, replica), List.copyOf(sentinels));
            group.awaitSentinelsAcquainted();
            return group;
        } catch (RuntimeException e) {
            started.forEach(LocalRedis::close);
            throw e;
        }
    }

    /**
     * Lettuce's address of the group through its sentinels:
     * {@code redis-sentinel://127.0.0.1:<s1>,127.0.0.1:<s2>,127.0.0.1:<s3>#mymaster}.
     */
    public String sentinelUri() {
        return sentinels.stream()
                .map(sentinel -> sentinel.host() + ":" + sentinel.port())
                .collect(Collectors.joining(",", "redis-sentinel://", "#" + MASTER_NAME));
    }

    /** The name the sentinels monitor the primary under: {@code mymaster}. */
    public String masterName() {
        return MASTER_NAME;
    }

    /** The port of the primary, as a running sentinel reports it ({@code SENTINEL get-master-addr-by-name}). */
    public int currentPrimaryPort() {
        return primaryPortSeenBy(anAnsweringSentinel());
    }

    /** The node the sentinels report as primary now: after a {@link #failover()}, the former replica. */
    public LocalRedis primary() {
        return node(currentPrimaryPort());
    }

    /** The node that is not {@link #primary()}. */
    public LocalRedis replica() {
        return otherThan(primary());
    }

    /**
     * The three sentinels, to stop, kill or freeze one, or to send it {@code SENTINEL …} commands. A restarted one
     * reads back what it had learnt from the config file it rewrites, but runs at Redis's default periods (hello every
     * 2 s, INFO every 10 s), which only a command had shortened.
     */
    public List<LocalRedis> sentinels() {
        return sentinels;
    }

    /**
     * Has a sentinel fail the primary over ({@code SENTINEL FAILOVER mymaster}) and waits, as
     * {@link #awaitPrimary(LocalRedis)} does, until the replica is the primary everywhere; returns it.
     */
    public LocalRedis failover() {
        LocalRedis promoted = replica();
        anAnsweringSentinel().command("SENTINEL", "FAILOVER", MASTER_NAME);
        awaitPrimary(promoted);
        return promoted;
    }

    /**
     * Waits (20 s at most) until every running sentinel reports {@code node} as the primary and the other node, if it
     * runs, has become its replica: after {@code primary().kill()}, the failover the sentinels start by themselves.
     */
    public void awaitPrimary(LocalRedis node) {
        LocalRedis other = otherThan(node);
        await("sentinels reporting port " + node.port() + " as primary")
                .atMost(FAILOVER_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> answeringSentinels()
                        .allMatch(sentinel -> primaryPortSeenBy(sentinel) == node.port())
                        && (!other.isRunning() || other.isFrozen() || replicatesFrom(other, node)));
    }

    /** Closes the sentinels first (so that none fails over a primary that is only being closed), then the nodes. */
    @Override
    public void close() {
        sentinels.forEach(LocalRedis::close);
        nodes.forEach(LocalRedis::close);
    }

    private Stream<LocalRedis> answeringSentinels() {
        return sentinels.stream().filter(sentinel -> sentinel.isRunning() && !sentinel.isFrozen());
    }

    private LocalRedis anAnsweringSentinel() {
        return answeringSentinels()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("every sentinel is stopped or frozen"));
    }

    private LocalRedis otherThan(LocalRedis node) {
        return nodes.get(0) == node ? nodes.get(1) : nodes.get(0);
    }

    private LocalRedis node(int port) {
        return nodes.stream()
                .filter(node -> node.port() == port)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the sentinels report a primary on port " + port
                        + ", which is none of this group's nodes"));
    }

    private static String sentinelConfig(LocalRedis primary) {
        // quorum 2 of 3; down after 1 s of silence; a failover that stalls is given up after 3 s (and the next one
        // may start 6 s after the last); addresses stay numbers (all are 127.0.0.1)
        return String.join("\n",
                "sentinel monitor " + MASTER_NAME + " " + primary.host() + " " + primary.port() + " 2",
                "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                "sentinel failover-timeout " + MASTER_NAME + " 3000",
                "sentinel resolve-hostnames no",
                "sentinel announce-hostnames no",
                "");
    }

    /**
     * Shortens three of the sentinel's periods that no config line sets (Redis 7 has {@code SENTINEL DEBUG} for them).
     * By default it says hello to the other sentinels every 2 s and asks each node its role every 10 s, so that they
     * would know each other only after seconds and a former primary would stay a primary for up to 10 s after a
     * failover. And when its timer runs more than 2 s late (a busy machine, or a test that froze it) it distrusts its
     * clock and does nothing for 30 s ("TILT" in its log); here for 3 s.
     */
    private static void speedUp(LocalRedis sentinel) {
        sentinel.command("SENTINEL", "DEBUG", "publish-period", "200", "info-period", "500", "tilt-period", "3000");
    }

    private static void awaitReplication(LocalRedis primary, LocalRedis replica) {
        await("replica on port " + replica.port() + " in sync with port " + primary.port())
                .atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> primary.info("replication").contains("connected_slaves:1")
                        && replica.info("replication").contains("master_link_status:up"));
    }

    private void awaitSentinelsAcquainted() {
        await("sentinels knowing the replica and each other")
                .atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> sentinels.stream().allMatch(sentinel -> {
                    Map<String, String> master = fields(sentinel.command("SENTINEL", "MASTER", MASTER_NAME));
                    return "1".equals(master.get("num-slaves"))
                            && Integer.toString(SENTINELS - 1).equals(master.get("num-other-sentinels"));
                }));
    }

    private static int primaryPortSeenBy(LocalRedis sentinel) {
        List<?> address = (List<?>) sentinel.command("SENTINEL", "get-master-addr-by-name", MASTER_NAME);
        return Integer.parseInt(address.get(1).toString());
    }

    private static boolean replicatesFrom(LocalRedis replica, LocalRedis primary) {
        String replication = replica.info("replication");
        return replication.contains("role:slave") && replication.contains("master_port:" + primary.port() + "\r\n");
    }

    /** A sentinel's description of an instance: a flat list of names and values (RESP2), or a map (RESP3). */
    private static Map<String, String> fields(Object reply) {
        if (reply instanceof Map<?, ?> map) {
            return map.entrySet().stream().collect(Collectors.toMap(
                    entry -> entry.getKey().toString(), entry -> entry.getValue().toString()));
        }
        List<?> list = (List<?>) reply;
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < list.size(); i += 2) {
            fields.put(list.get(i).toString(), list.get(i + 1).toString());
        }
        return fields;
    }
}
