package dev.hiveauth.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalRedisTest {
    private static RedisClient client;

    @BeforeAll
    static void createClient() {
        client = RedisClient.create();
    }

    @AfterAll
    static void shutDownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void aStartedServerAnswersAClientAtItsUri() {
        try (LocalRedis redis = LocalRedis.start();
                StatefulRedisConnection<String, String> connection = connect(redis)) {
            RedisCommands<String, String> commands = connection.sync();

            assertThat(commands.ping()).isEqualTo("PONG");
            commands.set("session", "alice");
            assertThat(commands.get("session")).isEqualTo("alice");
            assertThat(redis.uri()).hasToString("redis://127.0.0.1:" + redis.port());
            assertThat(redis.dbSize()).isEqualTo(1);
            assertThat(redis.command("DBSIZE")).isEqualTo(1L);
            assertThat(redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction")).isEqualTo("OK");
            assertThat(redis.info("server")).contains("redis_version:" + RedisServerBinary.VERSION);
        }
    }

    @Test
    void aPortTakenBeforeRedisBindsItIsGivenUpForAnother() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger tries = new AtomicInteger();
            IntSupplier squatterFirst = () -> tries.incrementAndGet() == 1 ? squatter.getLocalPort() : freePort();

            try (LocalRedis redis = LocalRedis.start(squatterFirst)) {
                assertThat(tries).hasValue(2);
                assertThat(redis.port()).isNotEqualTo(squatter.getLocalPort());
                assertThat(redis.command("PING")).isEqualTo("PONG");
            }
        }
    }

    @Test
    void aKilledServerRestartsOnTheSamePortWithoutItsData() {
        try (LocalRedis redis = LocalRedis.start()) {
            int port = redis.port();
            redis.command("SET", "session", "alice");

            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            redis.restart();

            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.isRunning()).isTrue();
            assertThat(redis.command("GET", "session")).isNull();
        }
    }

    @Test
    void anAppendOnlyServerKeepsItsDataThroughACrash() {
        try (LocalRedis redis = LocalRedis.start("--appendonly", "yes", "--appendfsync", "always")) {
            redis.command("SET", "session", "alice");

            redis.kill();
            redis.restart();

            assertThat(redis.command("GET", "session")).isEqualTo("alice");
        }
    }

    @Test
    void aFrozenServerAnswersNothingUntilThawed() {
        try (LocalRedis redis = LocalRedis.start();
                StatefulRedisConnection<String, String> connection = connect(redis)) {
            connection.setTimeout(Duration.ofMillis(500));

            redis.freeze();
            assertThat(redis.isRunning()).isTrue();
            assertThatThrownBy(() -> connection.sync().ping()).isInstanceOf(RedisCommandTimeoutException.class);

            redis.thaw();
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void twoServersRunSideBySide() {
        try (LocalRedis first = LocalRedis.start(); LocalRedis second = LocalRedis.start()) {
            first.command("SET", "node", "first");
            second.command("SET", "node", "second");

            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(first.command("GET", "node")).isEqualTo("first");
            assertThat(second.command("GET", "node")).isEqualTo("second");
        }
    }

    @Test
    void killingPubSubClientsCountsTheSubscribersCut() {
        try (LocalRedis redis = LocalRedis.start();
                StatefulRedisPubSubConnection<String, String> subscriber =
                        client.connectPubSub(RedisURI.create(redis.uri()))) {
            subscriber.sync().subscribe("relay:events");
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    List.of("relay:events", 1L).equals(redis.command("PUBSUB", "NUMSUB", "relay:events")));

            assertThat(redis.killPubSubClients()).isEqualTo(1);
        }
    }

    @Test
    void closingKillsTheProcessAndDeletesItsDirectory() {
        LocalRedis redis = LocalRedis.start();
        long pid = redis.pid();
        Path directory = redis.logFile().getParent();
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

        redis.close();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Files.exists(directory)).isFalse();
    }

    @Test
    void aFrozenServerIsStillClosed() {
        LocalRedis redis = LocalRedis.start();
        long pid = redis.pid();
        redis.freeze();

        redis.close();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StatefulRedisConnection<String, String> connect(LocalRedis redis) {
        return client.connect(RedisURI.create(redis.uri()));
    }
}
