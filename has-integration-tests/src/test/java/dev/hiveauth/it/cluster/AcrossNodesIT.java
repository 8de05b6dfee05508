package dev.hiveauth.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.cluster.RedisStoreSettings;
import dev.hiveauth.server.relay.AccountKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes on one Redis, each peer placed on a chosen node: every rule of the relay holds across nodes. A request
 * made on one node reaches a wallet on another, waits for a wallet that registers later anywhere, is won by exactly
 * one of several wallets answering at once, and its reply reaches the app on a third node it attached from.
 */
class AcrossNodesIT {
    private final RelayCluster cluster = RelayCluster.start(3);

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void aRequestMadeOnAReachesTheWalletOnB_andItsReplyReachesTheAppThatAttachedOnC() {
        WirePeer wallet = cluster.aliceWallet(1);
        WirePeer app = cluster.connect(0);
        String uuid = RelayCluster.authRequest(app);
        JsonNode forwarded = wallet.await("auth_req", uuid);
        assertThat(forwarded.get("account").asText()).isEqualTo("alice");
        app.close();

        wallet.send(cluster.authAck(uuid));
        WirePeer back = cluster.connect(2);
        back.send("{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        back.await("attach_ack", uuid);
        assertThat(back.awaitAnswer(uuid).toString())
                .isEqualTo("{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"U2FsdGVkX1+approved\"}");
        // each node counts what reached it from another, and how Redis answers it
        assertThat(cluster.metric(1, "has.cluster.relayed", "kind", "forward")).isGreaterThanOrEqualTo(1);
        // the reply went to A, where the app was bound when the wallet answered; C got it from Redis with its attach,
        // which may be before A's subscription delivered it
        await().atMost(Awaited.WAIT).until(() -> cluster.metric(0, "has.cluster.relayed", "kind", "reply") == 1);
        assertThat(cluster.node(0).meterRegistry().get("has.store.up").gauge().value()).isEqualTo(1);
        assertThat(cluster.node(0).meterRegistry().get("has.store.commands").tags("operation", "create", "outcome", "ok")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void anAppAttachedOnCWhileTheRequestWaits_getsTheReplyThereWhenTheWalletOnBAnswers() {
        WirePeer wallet = cluster.aliceWallet(1);
        WirePeer app = cluster.connect(0);
        String uuid = RelayCluster.authRequest(app);
        wallet.await("auth_req", uuid);
        app.close();
        WirePeer back = cluster.connect(2);
        back.send("{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        back.await("attach_ack", uuid);

        wallet.send(cluster.authAck(uuid));
        assertThat(back.awaitAnswer(uuid).get("cmd").asText()).isEqualTo("auth_ack");
    }

    @Test
    void aRequestWaitsForAWalletThatRegistersLaterOnAnotherNode() {
        WirePeer app = cluster.connect(0);
        String uuid = RelayCluster.authRequest(app);
        WirePeer wallet = cluster.aliceWallet(2);
        wallet.await("auth_req", uuid);
        wallet.send(cluster.authAck(uuid));
        assertThat(app.awaitAnswer(uuid).get("cmd").asText()).isEqualTo("auth_ack");
        assertThat(wallet.received("auth_req")).hasSize(1);
    }

    @Test
    void twoWalletsOnTwoNodesAnsweringAtOnce_exactlyOneWinsEachTime() throws InterruptedException {
        WirePeer first = cluster.aliceWallet(1);
        WirePeer second = cluster.aliceWallet(2);
        WirePeer app = cluster.connect(0);
        List<String> uuids = new ArrayList<>();
        for (int round = 0; round < 40; round++) {
            String uuid = RelayCluster.authRequest(app);
            uuids.add(uuid);
            first.await("auth_req", uuid);
            second.await("auth_req", uuid);
            CountDownLatch go = new CountDownLatch(1);
            Thread one = answerOn(first, uuid, go);
            Thread other = answerOn(second, uuid, go);
            go.countDown();
            one.join();
            other.join();
            app.awaitAnswer(uuid);
            JsonNode refused = awaitEither(first, second, uuid);
            assertThat(refused.get("error").asText()).isEqualTo("auth_ack: request already answered");
        }
        for (String uuid : uuids) {
            long answers = app.received().stream()
                    .filter(frame -> uuid.equals(frame.path("uuid").asText()) && "auth_ack".equals(frame.path("cmd").asText()))
                    .count();
            long refusals = first.received("error").stream().filter(e -> uuid.equals(e.path("uuid").asText())).count()
                    + second.received("error").stream().filter(e -> uuid.equals(e.path("uuid").asText())).count();
            assertThat(answers).as("replies the app got for %s", uuid).isEqualTo(1);
            assertThat(refusals).as("wallets told they were late for %s", uuid).isEqualTo(1);
        }
    }

    private Thread answerOn(WirePeer wallet, String uuid, CountDownLatch go) {
        String ack = cluster.authAck(uuid);
        Thread thread = new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            wallet.send(ack);
        });
        thread.start();
        return thread;
    }

    /** The error one of the two wallets gets for {@code uuid}. */
    private static JsonNode awaitEither(WirePeer first, WirePeer second, String uuid) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (WirePeer wallet : List.of(first, second)) {
                for (JsonNode error : wallet.received("error")) {
                    if (uuid.equals(error.path("uuid").asText())) {
                        return error;
                    }
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("neither wallet was told it was late for " + uuid);
    }

    @Test
    void everyWaitPrecedesItsReply_andWaitsComeInOrder_evenWhenTheWalletAnswersAtOnce() {
        WirePeer wallet = cluster.approvingWallet(1);
        WirePeer app = cluster.connect(0);
        int count = 200;
        for (int i = 0; i < count; i++) {
            app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2FsdGVkX1+n" + i + "\"}");
        }
        List<String> waits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            waits.add(app.await("auth_wait").get("uuid").asText());
        }
        for (String uuid : waits) {
            app.awaitAnswer(uuid);
        }
        List<JsonNode> frames = app.received();
        List<String> seenWaits = new ArrayList<>();
        for (JsonNode frame : frames) {
            String cmd = frame.path("cmd").asText();
            String uuid = frame.path("uuid").asText();
            if (cmd.equals("auth_wait")) {
                seenWaits.add(uuid);
            } else if (cmd.equals("auth_ack")) {
                assertThat(seenWaits).as("the wait for %s came before its reply", uuid).contains(uuid);
            }
        }
        assertThat(seenWaits).hasSize(count).doesNotHaveDuplicates();
        Map<String, String> dataByUuid = new java.util.HashMap<>();
        for (JsonNode forwarded : wallet.received("auth_req")) {
            dataByUuid.put(forwarded.get("uuid").asText(), forwarded.get("data").asText());
        }
        List<String> sentOrder = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sentOrder.add("U2FsdGVkX1+n" + i);
        }
        assertThat(seenWaits.stream().map(dataByUuid::get).toList()).as("waits in the order requests were sent")
                .isEqualTo(sentOrder);
    }

    @Test
    void aNodeWithAnotherServerKeyRefusesToStart() {
        assertThatThrownBy(() -> HasServer.builder().host("127.0.0.1").port(0)
                .serverKey(PrivateKey.generate())
                .accountKeys(AccountKeys.of(Map.of()))
                .redis(RedisStoreSettings.of(cluster.redis.uri().toString()).withPrefix(clusterPrefix()))
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not the one the cluster uses")
                .hasMessageContaining("same key file");
    }

    private String clusterPrefix() {
        return cluster.prefix();
    }
}
