package dev.hiveauth.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.it.fixture.WirePeer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nothing a run of requests wrote stays in Redis for good. Every key the relay writes lives a few seconds past its
 * logical end, so that nodes whose clocks differ a little still find it: a request's hash and its account's waiting
 * set 5 s past the request's expiry (or past its reply's keep for attach, once answered), the pointer from its uuid to
 * its account twice the request's whole time plus that slack. So right after the last request's logical end its keys
 * are all still there, by design; within the slack they are gone, and only the cluster's server key remains. With
 * requests that wait 2 s, that is about 15 s after the last one was made.
 */
class NothingLeftInRedisIT {
    private static final Logger LOG = LoggerFactory.getLogger(NothingLeftInRedisIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The uuid pointer's life: twice the request's time and the 5 s slack, and a margin for a slow machine. */
    private static final Duration ALL_GONE_WITHIN = TIMEOUT.plusSeconds(5).multipliedBy(2).plusSeconds(10);

    private final RelayCluster cluster = RelayCluster.start(2, RelayCluster.Nodes.DEFAULT.withTimeout(TIMEOUT));

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void onceEveryRequestEndedAndItsSlackPassed_redisHoldsOnlyTheServerKey() {
        WirePeer app = cluster.connect(0);
        JsonNode waitedForAWallet = wait(app); // made before any wallet registered: in the waiting set
        WirePeer wallet = cluster.aliceWallet(1);
        wallet.await("auth_req", uuid(waitedForAWallet));
        JsonNode answered = wait(app);
        wallet.await("auth_req", uuid(answered));
        wallet.send(cluster.authAck(uuid(answered)));
        app.awaitAnswer(uuid(answered));
        JsonNode attachedElsewhere = wait(app);
        wallet.await("auth_req", uuid(attachedElsewhere));
        WirePeer back = cluster.connect(1);
        back.send("{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid(attachedElsewhere) + "\"}");
        back.await("attach_ack", uuid(attachedElsewhere));
        wallet.send(cluster.authAck(uuid(attachedElsewhere)));
        back.awaitAnswer(uuid(attachedElsewhere));
        JsonNode neverAnswered = wait(app);
        wallet.await("auth_req", uuid(neverAnswered));

        // Every reply is kept for attach one timeout after its answer, which came before its request's expiry.
        long logicalEnd = List.of(waitedForAWallet, answered, attachedElsewhere, neverAnswered).stream()
                .mapToLong(wait -> wait.get("expire").asLong()).max().orElseThrow() + TIMEOUT.toMillis();
        await().atMost(TIMEOUT.multipliedBy(3)).until(() -> System.currentTimeMillis() > logicalEnd);
        Set<String> atLogicalEnd = keys();
        long slackStarted = System.nanoTime();
        await("only the server key left").atMost(ALL_GONE_WITHIN).pollInterval(Duration.ofMillis(250))
                .until(() -> keys().equals(Set.of(cluster.prefix() + "serverkey")));
        Duration slack = Duration.ofNanos(System.nanoTime() - slackStarted);

        LOG.info("at the logical end of the last request, {} key(s) left: {}; {} ms later only the server key",
                atLogicalEnd.size(), atLogicalEnd, slack.toMillis());
        assertThat(atLogicalEnd).as("kept a little past their end, by design").contains(cluster.prefix() + "serverkey")
                .hasSizeGreaterThan(1);
        assertThat(cluster.redis.dbSize()).isEqualTo(1);
        assertThat(cluster.node(0).pendingRequestCount() + cluster.node(1).pendingRequestCount())
                .as("what the nodes remember of requests").isZero();
    }

    private static JsonNode wait(WirePeer app) {
        app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2FsdGVkX1+leak\"}");
        return app.await("auth_wait");
    }

    private static String uuid(JsonNode wait) {
        return wait.get("uuid").asText();
    }

    private Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (Object key : (List<?>) cluster.redis.command("KEYS", cluster.prefix() + "*")) {
            keys.add((String) key);
        }
        return keys;
    }
}
