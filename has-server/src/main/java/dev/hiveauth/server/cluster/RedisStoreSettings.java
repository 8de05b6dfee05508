package dev.hiveauth.server.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node reaches Redis and names things there.
 *
 * @param uri            {@code redis://}, {@code rediss://} (TLS) or {@code redis-sentinel://host:port,host:port#primary}
 * @param prefix         the start of every key and channel name ({@code has:}); nodes of one cluster share it
 * @param commandTimeout how long a command may take before the relay gives up on it and tells the peer (1 s)
 * @param probeInterval  how often a node checks that its subscriptions still deliver (1 s); three missed probes in a
 *                       row and it subscribes again
 * @param retryWindow    how long an accepted reply (a wallet's approval) is retried while Redis cannot be reached
 *                       before the wallet is told, and an attach for a third of it (10 s)
 */
public record RedisStoreSettings(String uri, String prefix, Duration commandTimeout, Duration probeInterval,
                                 Duration retryWindow) {
    /** Checks the settings. */
    public RedisStoreSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(probeInterval, "probeInterval");
        Objects.requireNonNull(retryWindow, "retryWindow");
    }

    /** The defaults, for Redis at {@code uri}. */
    public static RedisStoreSettings of(String uri) {
        return new RedisStoreSettings(uri, "has:", Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** These settings with another key prefix. */
    public RedisStoreSettings withPrefix(String newPrefix) {
        return new RedisStoreSettings(uri, newPrefix, commandTimeout, probeInterval, retryWindow);
    }

    /** These settings with another probe interval. */
    public RedisStoreSettings withProbeInterval(Duration interval) {
        return new RedisStoreSettings(uri, prefix, commandTimeout, interval, retryWindow);
    }
}
