package dev.hiveauth.server.cluster;

/**
 * The names the relay uses in Redis, all under one prefix. Everything about one account's requests carries the
 * account as a hash tag ({@code {a:alice}}), so each script touches one slot and a Redis Cluster could hold the keys;
 * account names are checked before they get here, and hold no braces.
 */
final class RedisKeys {
    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** A request's hash: family, expiry, forward, the APP binding, state, reply. */
    String request(String account, String uuid) {
        return requestPrefix(account) + uuid;
    }

    String requestPrefix(String account) {
        return prefix + "{a:" + account + "}:r:";
    }

    /** The account's requests waiting for a wallet: a sorted set of uuids by expiry. */
    String waiting(String account) {
        return prefix + "{a:" + account + "}:p";
    }

    /** The account of a uuid: what an attach, which names only the uuid, needs to find the request. */
    String accountOf(String uuid) {
        return prefix + "u:" + uuid;
    }

    /** Where requests for the account are published, for the nodes where wallets registered it. */
    String accountChannel(String account) {
        return prefix + "{a:" + account + "}:c";
    }

    /** The account a channel from {@link #accountChannel} is for, or null for another channel. */
    String accountOfChannel(String channel) {
        String head = prefix + "{a:";
        if (!channel.startsWith(head) || !channel.endsWith("}:c")) {
            return null;
        }
        return channel.substring(head.length(), channel.length() - 3);
    }

    /** The start of every node's inbox channel name. */
    String inboxPrefix() {
        return prefix + "n:";
    }

    /** A node's own channel: replies for its APP connections, its probes and markers. */
    String inbox(String node) {
        return inboxPrefix() + node;
    }

    /** The server's public key, as the first node wrote it: every node must have the same. */
    String serverKey() {
        return prefix + "serverkey";
    }
}
