package dev.hiveauth.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each test is a whole story on a group of its own: starting five processes and failing over take seconds. */
class LocalRedisSentinelsTest {

    @Test
    void aFailoverPromotesTheReplicaAndLettuceFollowsTheSentinels() {
        RedisClient client = RedisClient.create();
        try (LocalRedisSentinels redis = LocalRedisSentinels.start()) {
            LocalRedis primary = redis.primary();
            LocalRedis replica = redis.replica();
            assertThat(redis.currentPrimaryPort()).isEqualTo(primary.port());
            RedisURI throughSentinels = RedisURI.create(redis.sentinelUri());
            assertThat(throughSentinels.getSentinels()).hasSize(3);
            assertThat(throughSentinels.getSentinelMasterId()).isEqualTo(redis.masterName());

            // given a session written on the primary, replicated before WAIT returns
            primary.command("SET", "session", "alice");
            assertThat(primary.command("WAIT", "1", "2000")).isEqualTo(1L);
            assertThat(replica.command("GET", "session")).isEqualTo("alice");

            // when the sentinels fail the primary over
            LocalRedis promoted = redis.failover();

            // then the former replica is the primary, and the former primary replicates from it
            assertThat(promoted).isSameAs(replica);
            assertThat(redis.currentPrimaryPort()).isEqualTo(replica.port());
            assertThat(redis.primary()).isSameAs(replica);
            assertThat(redis.replica()).isSameAs(primary);
            assertThat(primary.info("replication")).contains("role:slave", "master_port:" + replica.port());

            // and a client that knows only the sentinels writes on the new primary
            try (StatefulRedisConnection<String, String> connection = client.connect(throughSentinels)) {
                RedisCommands<String, String> commands = connection.sync();
                assertThat(commands.get("session")).isEqualTo("alice");
                commands.set("session", "bob");
                assertThat(replica.command("GET", "session")).isEqualTo("bob");
                assertThat((List<?>) replica.command("ROLE")).first().isEqualTo("master");
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void aCrashedPrimaryIsReplacedAndComesBackAsAReplica() {
        try (LocalRedisSentinels redis = LocalRedisSentinels.start()) {
            LocalRedis primary = redis.primary();
            LocalRedis replica = redis.replica();

            // when the primary crashes, the sentinels see it silent for 1 s, agree, and promote the replica
            primary.kill();
            redis.awaitPrimary(replica);
            assertThat(redis.currentPrimaryPort()).isEqualTo(replica.port());

            // then the old primary, restarted as a primary, is turned into the new one's replica by the sentinels
            primary.restart();
            redis.awaitPrimary(replica);
            assertThat(primary.info("replication")).contains("role:slave", "master_port:" + replica.port());
        }
    }
}
