package dev.hiveauth.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.app.HasClient;
import dev.hiveauth.it.fixture.RoundRobinBalancer;
import dev.hiveauth.it.fixture.WalletEvents;
import dev.hiveauth.pksa.service.ServicePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rolling restart under load: three nodes behind a round-robin balancer, two service wallets of alice and four web
 * site backends logging her in without pause through it, while each node in turn is stopped as SIGTERM stops it
 * (every socket closed with 1001), left down while logins go on through the two others, and started again on its
 * port. Peers reconnect through the balancer by themselves.
 * Every login started ends before its request could expire, approved or failed with a reason its app was told; none
 * vanishes (it would end expired, the app's own clock noticing that nobody answered) and none hangs.
 */
class RollingRestartIT {
    private static final Logger LOG = LoggerFactory.getLogger(RollingRestartIT.class);
    /** How long a request waits for a wallet: a login the cluster dropped would expire within it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Past the timeout, how long a login may still take to settle before it counts as hung. */
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final int BACKENDS = 4;
    /** Logins approved between two restarts: every node took some load before the next goes down. */
    private static final int PROGRESS = 30;
    /** A pause between a backend's logins, so that four backends load two cores without starving the relay. */
    private static final Duration PACE = Duration.ofMillis(20);

    private final ClusterPeers peers = new ClusterPeers();
    private final RelayCluster cluster = RelayCluster.start(3,
            RelayCluster.Nodes.DEFAULT.withTimeout(TIMEOUT).lookingUpKeysOn(peers.hiveNode()));
    private final RoundRobinBalancer balancer = RoundRobinBalancer.over(cluster.uris());
    private final LoginTally tally = new LoginTally();
    private volatile boolean stopping;

    @AfterEach
    void close() {
        stopping = true;
        peers.close();
        balancer.close();
        cluster.close();
    }

    @Test
    void everyLoginStartedDuringARollingRestart_isApprovedOrFailsWithAReasonItsAppWasTold() throws InterruptedException {
        List<WalletEvents> wallets = List.of(new WalletEvents(), new WalletEvents());
        wallets.forEach(events -> peers.wallet(balancer.uri(), new ServicePolicy(true), events));
        await().atMost(Duration.ofSeconds(10)).until(() -> wallets.stream().allMatch(w -> w.registrations() == 1));
        List<Thread> backends = new ArrayList<>();
        List<AppConnections> connections = new ArrayList<>();
        for (int i = 0; i < BACKENDS; i++) {
            AppConnections listener = new AppConnections();
            connections.add(listener);
            HasClient app = peers.app(balancer.uri(), listener);
            Thread backend = new Thread(() -> logInUntilStopped(app), "backend-" + i);
            backend.start();
            backends.add(backend);
        }
        awaitApprovals(PROGRESS);

        for (int node = 0; node < 3; node++) {
            cluster.stop(node);
            awaitApprovals(PROGRESS); // on the two others, while this one is down
            cluster.restart(node);
            int restarted = node;
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.health(restarted) == 200);
            awaitApprovals(PROGRESS);
        }
        stopping = true;
        for (Thread backend : backends) {
            backend.join(TIMEOUT.plus(GRACE).plusSeconds(5).toMillis());
            assertThat(backend.isAlive()).as("%s still waiting for a login: %s", backend.getName(), tally).isFalse();
        }

        LOG.info("rolling restart of 3 nodes: {}; {} backend connection(s) lost with logins waiting, {} login(s) "
                + "attached again; {} wallet disconnection(s)", tally,
                connections.stream().mapToInt(AppConnections::lost).sum(),
                connections.stream().mapToInt(AppConnections::reattached).sum(),
                wallets.stream().mapToInt(WalletEvents::disconnections).sum());
        assertThat(tally.hung()).as(tally.toString()).isZero();
        assertThat(tally.expired()).as(tally.toString()).isZero();
        assertThat(tally.approved() + tally.reported()).as(tally.toString()).isEqualTo(tally.started());
        assertThat(tally.approved()).as(tally.toString()).isGreaterThanOrEqualTo(7 * PROGRESS);
    }

    /** One backend: a login, waited for until it settles or could no longer, then the next, until the test stops. */
    private void logInUntilStopped(HasClient app) {
        while (!stopping) {
            tally.onStart();
            try {
                ClusterPeers.login(app, prompt -> { })
                        .get(TIMEOUT.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
                tally.onApproval();
            } catch (ExecutionException e) {
                tally.onFailure(e.getCause());
            } catch (TimeoutException e) {
                tally.onFailure(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(PACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitApprovals(int more) {
        int target = tally.approved() + more;
        await().atMost(Duration.ofSeconds(20)).until(() -> tally.approved() >= target);
    }
}
