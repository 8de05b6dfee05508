package dev.hiveauth.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.it.fixture.SplicedConnection;
import dev.hiveauth.it.fixture.TcpProxy;
import dev.hiveauth.it.fixture.WirePeer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A subscription that silently stops delivering — its socket open, Redis publishing into it, nothing coming out, as
 * behind a middlebox that lost its state — is found out by the node's probes (it publishes to itself every
 * {@link RelayCluster#PROBE_INTERVAL}; three missed in a row and it subscribes again on a new connection), and what it
 * missed meanwhile is read back from Redis: requests made on another node still reach the wallet on this one.
 * The node reaches Redis through a {@link TcpProxy}, whose second connection (its subscriptions) is black-holed. When
 * the command connection is silent too, as when a failover drops both, the catch-up's reads fail: it is tried again
 * until they succeed, so nothing the gap hid is lost once commands work again.
 */
class SilentSubscriptionIT {
    /** A client with subscriptions in {@code CLIENT LIST}: its address and its channel count. */
    private static final Pattern SUBSCRIBER = Pattern.compile("addr=[^ ]+:(\\d+) .* sub=([1-9]\\d*) ");

    private final RelayCluster cluster = RelayCluster.start(1);
    private final TcpProxy redisHop = TcpProxy.to(URI.create(cluster.redisUri()));

    @AfterEach
    void close() {
        cluster.close();
        redisHop.close();
    }

    @Test
    void aBlackHoledSubscription_isRenewedAfterThreeMissedProbes_andRequestsMadeMeanwhileReachTheWalletOnThatNode() {
        int hopped = cluster.addNode("redis://127.0.0.1:" + redisHop.uri().getPort());
        List<SplicedConnection> connections = redisHop.connections();
        assertThat(connections).as("the node's connections to Redis").hasSize(2);
        SplicedConnection commands = connections.get(0);
        SplicedConnection subscriptions = connections.get(1);
        assertThat(subscriberPorts()).as("ports Redis sees subscribers on")
                .contains(subscriptions.serverSidePort()).doesNotContain(commands.serverSidePort());
        WirePeer wallet = cluster.aliceWallet(hopped);
        WirePeer app = cluster.connect(0);
        String before = RelayCluster.authRequest(app);
        wallet.await("auth_req", before);

        subscriptions.blackHoleServerToClient();
        long blackHoled = System.nanoTime();
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            uuids.add(RelayCluster.authRequest(app));
        }
        uuids.forEach(uuid -> wallet.await("auth_req", uuid)); // 10 s at most each, counted from the first
        Duration gap = Duration.ofNanos(System.nanoTime() - blackHoled);

        assertThat(renewedAfterFailedProbes(hopped)).as("renewals after failed probes").isGreaterThanOrEqualTo(1);
        assertThat(redisHop.admitted()).as("a third connection took over the subscriptions").isEqualTo(3);
        assertThat(gap).as("from the black hole to the last request reaching the wallet")
                .isLessThan(Duration.ofSeconds(5));
        for (String uuid : uuids) {
            wallet.send(cluster.authAck(uuid));
            assertThat(app.awaitAnswer(uuid).get("cmd").asText()).isEqualTo("auth_ack");
        }
        assertThat(wallet.received("auth_req")).as("each request offered once").hasSize(uuids.size() + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.health(hopped) == 200);
    }

    @Test
    void aCatchUpWhoseReadsFail_isTriedAgain_soARequestTheGapHidReachesTheWalletOnceCommandsWorkAgain() {
        int hopped = cluster.addNode("redis://127.0.0.1:" + redisHop.uri().getPort());
        SplicedConnection commands = redisHop.connections().get(0);
        SplicedConnection subscriptions = redisHop.connections().get(1);
        WirePeer wallet = cluster.aliceWallet(hopped);
        WirePeer app = cluster.connect(0);

        // The middlebox loses both of the node's connections, as a failover kills both: the node hears nothing more.
        commands.blackHoleServerToClient();
        subscriptions.blackHoleServerToClient();
        String hidden = RelayCluster.authRequest(app);
        // The probes (sent on, and run by Redis) find the subscription silent and make it again on a new connection;
        // the catch-up that follows reads over the command connection, which answers nothing.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> renewedAfterFailedProbes(hopped) >= 1 && failedCommands(hopped, "waiting") >= 1);
        commands.cut(); // reset at last: the client connects again and commands work
        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.health(hopped) == 200);

        wallet.await("auth_req", hidden);
        wallet.send(cluster.authAck(hidden));
        assertThat(app.awaitAnswer(hidden).get("cmd").asText()).isEqualTo("auth_ack");
    }

    /** The client ports of Redis's connections that hold subscriptions. */
    private Set<Integer> subscriberPorts() {
        String clients = (String) cluster.redis.command("CLIENT", "LIST");
        return clients.lines().map(SUBSCRIBER::matcher).filter(Matcher::find)
                .map(match -> Integer.parseInt(match.group(1))).collect(Collectors.toSet());
    }

    private long failedCommands(int node, String operation) {
        Timer timer = cluster.node(node).meterRegistry().find("has.store.commands")
                .tags("operation", operation, "outcome", "failed").timer();
        return timer == null ? 0 : timer.count();
    }

    private double renewedAfterFailedProbes(int node) {
        Counter counter = cluster.node(node).meterRegistry().find("has.store.pubsub.renewed")
                .tag("why", "probe_failed").counter();
        return counter == null ? 0 : counter.count();
    }
}
