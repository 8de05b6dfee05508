/**
 * Several relay nodes behind one load balancer, sharing their requests in Redis
 * ({@link dev.hiveauth.server.cluster.RedisRequestStore}): any socket may land on any node. Loaded only when the
 * server is given a Redis URI, so that Lettuce stays an optional dependency.
 */
package dev.hiveauth.server.cluster;
