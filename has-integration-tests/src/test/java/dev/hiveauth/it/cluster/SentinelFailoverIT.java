package dev.hiveauth.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.testing.LocalRedis;
import dev.hiveauth.protocol.testing.LocalRedisSentinels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two nodes reach Redis through its Sentinels ({@code redis-sentinel://…#mymaster}); the primary fails over to its
 * replica. No node is restarted: within seconds new requests go through again, {@code /health} is back to 200, and a
 * request the replica had received before the failover is answered after it.
 *
 * <p>Redis replicates asynchronously and a Sentinel fails over without fencing: until it demotes the old primary (a
 * second or two after promoting the replica), the old primary still takes writes, and loses them when it becomes a
 * replica. A request created then was acknowledged to its app ({@code auth_wait}) and is gone from Redis; the node that
 * made it still knows it (its app waits there) and makes it again once it sees the failover, so it is forwarded again
 * and answered. Requests made while failing over are each refused with the storage reason or answered; the counts are
 * logged. The request made before the failover is answered for sure because
 * the test waits until the replica caught up, so that what it checks is that the nodes find the new primary and its
 * data, not the luck of replication timing.
 */
class SentinelFailoverIT {
    private static final Duration FIRST_SUCCESS_WITHIN = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(SentinelFailoverIT.class);
    private static final String UNAVAILABLE = "the relay's storage is unavailable, try again later";
    private static final Pattern OFFSET = Pattern.compile("(?:master_repl_offset|slave_repl_offset):(\\d+)");

    private final LocalRedisSentinels sentinels = LocalRedisSentinels.start();
    private final RelayCluster cluster = RelayCluster.onSentinels(sentinels, 2);

    @AfterEach
    void close() {
        cluster.close();
        sentinels.close();
    }

    @Test
    void afterAFailover_requestsGoThroughAgainWithoutARestart_healthIsBack_andARequestMadeBeforeIsAnswered() {
        WirePeer wallet = cluster.aliceWallet(1);
        WirePeer app = cluster.connect(0);
        assertThat(roundTrip(app, wallet)).isTrue();
        String before = RelayCluster.authRequest(app);
        wallet.await("auth_req", before);
        awaitReplicaInSync();

        long failover = System.nanoTime();
        sentinels.failover();
        Duration failoverTook = Duration.ofNanos(System.nanoTime() - failover);
        AtomicInteger refused = new AtomicInteger();
        await("a round trip after the failover").atMost(FIRST_SUCCESS_WITHIN).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (roundTrip(app, wallet)) {
                        return true;
                    }
                    refused.incrementAndGet();
                    return false;
                });
        Duration back = Duration.ofNanos(System.nanoTime() - failover);
        LOG.info("first round trip {} ms after the failover began ({} ms of it the failover itself), {} refused before",
                back.toMillis(), failoverTook.toMillis(), refused.get());
        for (int i = 0; i < 5; i++) {
            assertThat(roundTrip(app, wallet)).as("round trip %d once one went through", i).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.health(0) == 200 && cluster.health(1) == 200);

        wallet.send(cluster.authAck(before));
        assertThat(app.awaitAnswer(before).get("cmd").asText())
                .as("the request made before the failover (service back after %d ms, %d request(s) refused meanwhile)",
                        back.toMillis(), refused.get())
                .isEqualTo("auth_ack");
        assertThat(wallet.received("error")).isEmpty();
    }

    @Test
    void requestsMadeWhileFailingOver_areRefusedWithTheReason_orAnswered_evenThoseTheOldPrimaryLost() {
        WirePeer wallet = cluster.approvingWallet(1);
        WirePeer app = cluster.connect(0);

        CompletableFuture<LocalRedis> failingOver = CompletableFuture.supplyAsync(sentinels::failover);
        int sent = 0;
        while (!failingOver.isDone()) {
            app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2FsdGVkX1+during" + sent + "\"}");
            sent++;
            pace(Duration.ofMillis(50));
        }
        LocalRedis primary = failingOver.join();
        int refused = 0;
        List<String> accepted = new ArrayList<>();
        int lostByRedis = 0;
        for (int i = 0; i < sent; i++) {
            JsonNode taken = app.await(frame -> frame.path("cmd").asText().matches("auth_wait|error"), "auth_wait or error");
            if (taken.path("cmd").asText().equals("error")) {
                assertThat(taken.get("error").asText()).isEqualTo("auth_req: " + UNAVAILABLE);
                refused++;
                continue;
            }
            String uuid = taken.get("uuid").asText();
            accepted.add(uuid);
            if ((Long) primary.command("EXISTS", cluster.prefix() + "u:" + uuid) == 0) {
                lostByRedis++;
            }
        }
        String counts = sent + " requests sent while failing over: " + refused + " refused, " + accepted.size()
                + " accepted, of which " + lostByRedis + " were not in the new primary right after the failover";
        LOG.info(counts);
        // The old primary takes writes until it is demoted and then drops them (a Sentinel does not fence it): the
        // node that made those requests finds them gone after the failover and makes them again.
        for (String uuid : accepted) {
            assertThat(app.awaitAnswer(uuid).get("cmd").asText()).as(counts).isEqualTo("auth_ack");
        }
        LOG.info("{}; made again by their node: {}", counts, cluster.metric(0, "has.cluster.recovered", "kind", "request"));
        assertThat(app.received("auth_ack")).as(counts).hasSize(accepted.size());
    }

    /** Paces the requests: one every {@code pause}, however fast the relay answers. */
    private static void pace(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * One login, start to end: false if the relay refused the request (its storage unavailable, as it says while it
     * has no primary); once the relay took it, the request must reach the wallet and its approval the app.
     */
    private boolean roundTrip(WirePeer app, WirePeer wallet) {
        app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2FsdGVkX1+failover\"}");
        JsonNode taken = app.await(frame -> frame.path("cmd").asText().matches("auth_wait|error"), "auth_wait or error");
        if (taken.path("cmd").asText().equals("error")) {
            return false;
        }
        String uuid = taken.get("uuid").asText();
        wallet.await("auth_req", uuid);
        wallet.send(cluster.authAck(uuid));
        return app.awaitAnswer(uuid).get("cmd").asText().equals("auth_ack");
    }

    private void awaitReplicaInSync() {
        LocalRedis primary = sentinels.primary();
        LocalRedis replica = sentinels.replica();
        await("the replica caught up with the primary").atMost(Duration.ofSeconds(10))
                .until(() -> offset(primary.info("replication")) == offset(replica.info("replication")));
    }

    private static long offset(String replication) {
        Matcher matcher = OFFSET.matcher(replication);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
