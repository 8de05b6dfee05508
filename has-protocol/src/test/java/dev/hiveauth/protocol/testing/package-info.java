/**
 * Test fixtures every module shares through has-protocol's test-jar: the reference vectors
 * ({@link dev.hiveauth.protocol.testing.Vectors}), a clock tests move by hand
 * ({@link dev.hiveauth.protocol.testing.MutableClock}), and a Hive API node that checks transactions as
 * hived does ({@link dev.hiveauth.protocol.testing.FakeHiveNode} serving a
 * {@link dev.hiveauth.protocol.testing.FakeHiveChain}, with {@link dev.hiveauth.protocol.testing.AccountKeys}
 * to sign as its accounts), and real Redis servers started by the test itself
 * ({@link dev.hiveauth.protocol.testing.LocalRedis}, and a primary, a replica and three sentinels in
 * {@link dev.hiveauth.protocol.testing.LocalRedisSentinels}). A module whose tests use the Redis fixtures declares
 * {@code org.signal:embedded-redis} and {@code io.lettuce:lettuce-core} as test dependencies of its own: a test-jar
 * brings none of its module's.
 */
package dev.hiveauth.protocol.testing;
