/**
 * Test fixtures every module shares through has-protocol's test-jar: the reference vectors
 * ({@link dev.hiveauth.protocol.testing.Vectors}), a clock tests move by hand
 * ({@link dev.hiveauth.protocol.testing.MutableClock}), and a Hive API node that checks transactions as
 * hived does ({@link dev.hiveauth.protocol.testing.FakeHiveNode} serving a
 * {@link dev.hiveauth.protocol.testing.FakeHiveChain}, with {@link dev.hiveauth.protocol.testing.AccountKeys}
 * to sign as its accounts).
 */
package dev.hiveauth.protocol.testing;
