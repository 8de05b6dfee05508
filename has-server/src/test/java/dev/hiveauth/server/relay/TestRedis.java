package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.testing.LocalRedis;

/** One real Redis for the tests of this JVM, started at first use; each test keeps to its own key prefix. */
final class TestRedis {
    private TestRedis() {
    }

    private static final class Holder {
        static final LocalRedis REDIS = LocalRedis.start();
    }

    static String uri() {
        return Holder.REDIS.uri().toString();
    }
}
