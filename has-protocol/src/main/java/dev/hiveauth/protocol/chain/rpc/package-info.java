/**
 * {@link dev.hiveauth.protocol.chain.rpc.HiveClient}: JSON-RPC calls to Hive nodes over
 * {@code java.net.http}, asynchronous, with timeouts and failover across several nodes. The failover policy
 * is described on the class.
 */
package dev.hiveauth.protocol.chain.rpc;
