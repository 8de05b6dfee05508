package dev.hiveauth.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.testing.LocalRedis;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.cluster.RedisStoreSettings;
import dev.hiveauth.server.relay.AccountKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's Redis ACL gives a node every command it uses, on its own keys and channels only: a node logged in as
 * that user serves a whole round trip, attach included.
 */
class RedisAclIT {
    /** The README's ACL rule, word for word after the user name. */
    static final String README_RULE = "on >secret ~has:* &has:* +@connection +eval +evalsha +set +get +exists +hset "
            + "+hmget +hdel +pexpire +pttl +zadd +zrange +zrem +zremrangebyscore +publish +subscribe +unsubscribe";

    @Test
    void theReadmeGivesThisRule() throws java.io.IOException {
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("../README.md")))
                .contains("`user has " + README_RULE + "`");
    }

    @Test
    void aNodeWithTheDocumentedAclServesARoundTrip() {
        PrivateKey serverKey = PrivateKey.generate();
        PrivateKey alice = PrivateKey.fromSeed("acl alice posting");
        try (LocalRedis redis = LocalRedis.start()) {
            String[] rule = ("ACL SETUSER has " + README_RULE).split(" ");
            redis.command(rule);
            String uri = "redis://has:secret@127.0.0.1:" + redis.port();
            try (HasServer node = HasServer.builder().host("127.0.0.1").port(0).timeout(Duration.ofSeconds(30))
                    .serverKey(serverKey).accountKeys(AccountKeys.of(Map.of("alice", Set.of(alice.publicKey()))))
                    .redis(RedisStoreSettings.of(uri)).build().start();
                 WirePeer wallet = WirePeer.connect(node.uri());
                 WirePeer app = WirePeer.connect(node.uri())) {
                wallet.await("connected");
                app.await("connected");
                wallet.send("{\"cmd\":\"register_req\",\"app\":\"acl\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                        + ProofOfKey.forRegistration(alice, serverKey.publicKey(), Clock.systemUTC()) + "\"}]}");
                wallet.await("register_ack");
                String uuid = RelayCluster.authRequest(app);
                wallet.await("auth_req", uuid);
                wallet.send("{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"x\",\"pok\":\""
                        + ProofOfKey.forReply(alice, serverKey.publicKey(), uuid) + "\"}");
                assertThat(app.awaitAnswer(uuid).get("cmd").asText()).isEqualTo("auth_ack");
                WirePeer again = WirePeer.connect(node.uri());
                again.await("connected");
                again.send("{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
                again.await("attach_ack", uuid);
                assertThat(again.awaitAnswer(uuid).get("cmd").asText()).isEqualTo("auth_ack");
                again.close();
            }
        }
    }
}
