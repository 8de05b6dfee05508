package dev.hiveauth.server.relay;

/** The two stores the relay's rules are checked over: alone in memory, and shared in Redis. */
enum StoreKind {
    MEMORY,
    REDIS
}
