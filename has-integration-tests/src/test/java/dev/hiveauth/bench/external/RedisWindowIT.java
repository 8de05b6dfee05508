package dev.hiveauth.bench.external;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.testing.LocalRedis;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What the cluster phase reads from Redis over a window, on a real one: the commands run in it, the keys that expired
 * in it, and Redis's longest stall by cause, which explains a latency tail that no node's own figures show.
 */
class RedisWindowIT {
    private static final long BUSY_MS = 50;
    /** Keeps Redis busy for 50 ms in one command: every other client waits meanwhile. */
    private static final String BUSY_SCRIPT = """
            local start = redis.call('TIME')
            local started = start[1] * 1000000 + start[2]
            while true do
              local now = redis.call('TIME')
              if now[1] * 1000000 + now[2] - started > 50000 then return 1 end
            end
            """;

    @Test
    void aLongCommandAndExpiredKeysShowInTheWindow() {
        try (LocalRedis redis = LocalRedis.start()) {
            redis.command("SET", "before", "x");
            RedisWindow window = RedisWindow.open(redis);

            redis.command("SET", "short-lived", "x", "PX", "1");
            redis.command("EVAL", BUSY_SCRIPT, "0");
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> !Long.valueOf(1).equals(redis.command("EXISTS", "short-lived")));
            RedisWindow.RedisUse use = window.close();

            assertThat(use.commands()).containsKeys("set", "eval").doesNotContainKey("info");
            assertThat(use.commands().get("set").calls()).isEqualTo(1);
            assertThat(use.expiredKeys()).isEqualTo(1);
            assertThat(use.longestStallsMs()).containsKey("command");
            assertThat(use.longestStallsMs().get("command")).isGreaterThanOrEqualTo(BUSY_MS);
        }
    }

    @Test
    void aQuietWindowHasNoStalls() {
        try (LocalRedis redis = LocalRedis.start()) {
            redis.command("EVAL", BUSY_SCRIPT, "0"); // before the window: forgotten when it opens

            RedisWindow.RedisUse use = RedisWindow.open(redis).close();

            // (a command of its own may be slowed by the machine, but not for as long)
            assertThat(use.longestStallsMs().getOrDefault("command", 0L)).isLessThan(BUSY_MS);
            assertThat(use.expiresCapped()).isZero();
        }
    }
}
