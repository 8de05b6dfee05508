package dev.hiveauth.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.app.AuthPrompt;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.ManualApproval;
import dev.hiveauth.it.fixture.WalletEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code has-server.jar} processes on one Redis behind a round-robin balancer; alice's service wallet (its user
 * played by the test) and a web site's backend reach them through it. A node killed with SIGKILL in the middle of a
 * login — no 1001, nothing cleaned up — costs the login nothing: the peer it held reconnects through the balancer to
 * another node, where an app attaches to its request again and a wallet registers again and is given the pending
 * request again, and the approval reaches the app.
 */
class NodeKilledMidFlowIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int WALLET_NODE = 0;
    private static final int APP_NODE = 1;

    @TempDir
    Path dir;

    private final ClusterPeers peers = new ClusterPeers();
    private final ManualApproval user = new ManualApproval();
    private final WalletEvents wallet = new WalletEvents();
    private final AppConnections appConnections = new AppConnections();
    private ChildCluster cluster;
    private HasClient app;

    @BeforeEach
    void start() {
        cluster = ChildCluster.start(3, dir, peers.hiveNode(), TIMEOUT);
        // In a known order, so each socket's node is known: the balancer sends the first to node 0, the next to node 1.
        peers.wallet(cluster.uri(), user, wallet);
        await().atMost(Awaited.WAIT).until(() -> wallet.registrations() == 1);
        app = peers.app(cluster.uri(), appConnections);
        Awaited.value(app.connect());
        assertThat(cluster.accepted()).as("connections per node").containsExactly(1, 1, 0);
    }

    @AfterEach
    void close() {
        peers.close();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theAppsNodeIsKilledBeforeTheWalletAnswers_theAppAttachesOnAnotherNode_andGetsTheApproval() {
        CompletableFuture<AuthPrompt> waiting = new CompletableFuture<>();
        CompletableFuture<AuthResult> login = ClusterPeers.login(app, waiting::complete);
        Awaited.value(waiting); // the app knows its request's uuid: it can attach to it elsewhere
        ManualApproval.Question question = user.next(); // forwarded from node 1 to the wallet on node 0

        cluster.kill(APP_NODE);
        await().atMost(Awaited.WAIT).until(() -> appConnections.reattached() == 1);
        assertThat(cluster.accepted()).as("the app came back on node 2").containsExactly(1, 1, 1);
        question.approve();

        assertThat(Awaited.value(login).auth().account()).isEqualTo("alice");
        assertThat(wallet.disconnections()).isZero();
        assertThat(wallet.errors()).isEmpty();
    }

    @Test
    void theWalletsNodeIsKilledAfterTheRequestWasForwarded_theWalletGetsItAgainOnAnotherNode_andTheAppTheApproval() {
        try (WalletFrames frames = WalletFrames.listen()) {
            CompletableFuture<AuthPrompt> waiting = new CompletableFuture<>();
            CompletableFuture<AuthResult> login = ClusterPeers.login(app, waiting::complete);
            String uuid = Awaited.value(waiting).uuid();
            ManualApproval.Question question = user.next();
            assertThat(frames.timesReceived("auth_req", uuid)).isEqualTo(1);

            cluster.kill(WALLET_NODE);
            await().atMost(Awaited.WAIT).until(() -> wallet.registrations() == 2);
            assertThat(cluster.accepted()).as("the wallet came back on node 2").containsExactly(1, 1, 1);
            await().atMost(Awaited.WAIT).until(() -> frames.timesReceived("auth_req", uuid) == 2);
            question.approve();

            assertThat(Awaited.value(login).auth().account()).isEqualTo("alice");
            assertThat(user.asked()).as("the user is asked once").isEqualTo(1);
            assertThat(wallet.disconnections()).isEqualTo(1);
            assertThat(appConnections.lost()).isZero();
        }
    }
}
