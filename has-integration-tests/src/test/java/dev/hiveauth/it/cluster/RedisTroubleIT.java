package dev.hiveauth.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.it.fixture.WirePeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis in trouble is never silent, and costs nothing that was acknowledged: while it cannot be reached, new requests
 * and registrations are refused with a reason and {@code /health} says so; when it is back, service resumes by itself.
 * A subscription that drops, scripts that Redis forgot, a Redis that stops answering for a while: each is survived.
 */
class RedisTroubleIT {
    private static final String UNAVAILABLE = "the relay's storage is unavailable, try again later";

    private final RelayCluster cluster = RelayCluster.start(2);

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void whileRedisIsDown_requestsAndRegistrationsAreRefused_healthIsDown_andServiceResumesWhenItIsBack() {
        WirePeer app = cluster.connect(0);
        WirePeer wallet = cluster.connect(1);
        assertThat(cluster.health(0)).isEqualTo(200);

        cluster.redis.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.health(0) == 503 && cluster.health(1) == 503);
        app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2FsdGVkX1+down\"}");
        assertThat(app.await("error").get("error").asText()).isEqualTo("auth_req: " + UNAVAILABLE);
        assertThat(app.received("auth_wait")).isEmpty();
        wallet.send("{\"cmd\":\"register_req\",\"app\":\"t\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                + dev.hiveauth.protocol.crypto.ProofOfKey.forRegistration(cluster.alice, cluster.serverKey.publicKey(),
                java.time.Clock.systemUTC()) + "\"}]}");
        assertThat(wallet.await("error").get("error").asText()).contains("alice (" + UNAVAILABLE + ")");

        cluster.redis.restart();
        await().atMost(Duration.ofSeconds(15)).until(() -> cluster.health(0) == 200 && cluster.health(1) == 200);
        cluster.registerAlice(wallet);
        String uuid = RelayCluster.authRequest(app);
        wallet.await("auth_req", uuid);
        wallet.send(cluster.authAck(uuid));
        assertThat(app.awaitAnswer(uuid).get("cmd").asText()).isEqualTo("auth_ack");
    }

    @Test
    void aRequestThatRedisLostInARestart_isMadeAgainByItsNode_andTheApprovalReachesTheApp() {
        WirePeer wallet = cluster.aliceWallet(1);
        WirePeer app = cluster.connect(0);
        String uuid = RelayCluster.authRequest(app);
        wallet.await("auth_req", uuid);

        cluster.redis.kill(); // no persistence: the request, its pointer and the server key are gone
        cluster.redis.restart();
        await().atMost(Duration.ofSeconds(15)).until(() -> cluster.health(0) == 200 && cluster.health(1) == 200);
        JsonNode again = wallet.await("auth_req", uuid);
        assertThat(again.get("account").asText()).isEqualTo("alice");
        wallet.send(cluster.authAck(uuid));
        assertThat(app.awaitAnswer(uuid).get("cmd").asText()).isEqualTo("auth_ack");
        assertThat(cluster.metric(0, "has.cluster.recovered", "kind", "request")).isEqualTo(1);
        assertThat(cluster.redis.command("GET", cluster.prefix() + "serverkey"))
                .isEqualTo(cluster.serverKey.publicKey().toString());
    }

    @Test
    void requestsPublishedWhileTheSubscriptionsAreKilled_stillReachTheWallet() {
        WirePeer wallet = cluster.aliceWallet(1);
        WirePeer app = cluster.connect(0);
        List<String> uuids = new ArrayList<>();
        assertThat(cluster.redis.killPubSubClients()).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < 20; i++) {
            uuids.add(RelayCluster.authRequest(app));
        }
        for (String uuid : uuids) {
            wallet.await("auth_req", uuid);
            wallet.send(cluster.authAck(uuid));
            assertThat(app.awaitAnswer(uuid).get("cmd").asText()).isEqualTo("auth_ack");
        }
        assertThat(wallet.received("auth_req")).hasSize(uuids.size());
        assertThat(cluster.metric(1, "has.cluster.recovered", "kind", "forward")).as("read back after the gap")
                .isPositive();
        assertThat(cluster.metric(1, "has.store.pubsub.renewed", "why", "reconnected")).isPositive();
    }

    @Test
    void repliesPublishedWhileTheSubscriptionsAreKilled_stillReachTheApp() {
        WirePeer wallet = cluster.aliceWallet(1);
        WirePeer app = cluster.connect(0);
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String uuid = RelayCluster.authRequest(app);
            wallet.await("auth_req", uuid);
            uuids.add(uuid);
        }
        cluster.redis.killPubSubClients();
        uuids.forEach(uuid -> wallet.send(cluster.authAck(uuid)));
        for (String uuid : uuids) {
            JsonNode answer = app.awaitAnswer(uuid);
            assertThat(answer.get("cmd").asText()).isEqualTo("auth_ack");
        }
        for (String uuid : uuids) {
            assertThat(app.received().stream().filter(f -> uuid.equals(f.path("uuid").asText())
                    && "auth_ack".equals(f.path("cmd").asText())).count()).isEqualTo(1);
        }
    }

    @Test
    void afterRedisForgetsItsScripts_everyCallStillWorks() {
        WirePeer wallet = cluster.aliceWallet(1);
        WirePeer app = cluster.connect(0);
        cluster.redis.scriptFlush();
        String uuid = RelayCluster.authRequest(app);
        wallet.await("auth_req", uuid);
        cluster.redis.scriptFlush();
        wallet.send(cluster.authAck(uuid));
        assertThat(app.awaitAnswer(uuid).get("cmd").asText()).isEqualTo("auth_ack");
        cluster.redis.scriptFlush();
        WirePeer back = cluster.connect(1);
        back.send("{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        back.await("attach_ack", uuid);
    }

    @Test
    void anApprovalMadeWhileRedisIsPaused_isRelayedOnceItAnswersAgain() {
        WirePeer wallet = cluster.aliceWallet(1);
        WirePeer app = cluster.connect(0);
        String uuid = RelayCluster.authRequest(app);
        wallet.await("auth_req", uuid);
        cluster.redis.pauseClients(Duration.ofSeconds(3));
        wallet.send(cluster.authAck(uuid));
        assertThat(app.awaitAnswer(uuid).get("cmd").asText()).isEqualTo("auth_ack");
        assertThat(wallet.received("error")).isEmpty();
    }
}
