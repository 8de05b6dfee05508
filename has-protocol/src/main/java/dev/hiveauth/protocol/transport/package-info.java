/**
 * The client side of a relay connection, which both client roles stand on: {@link
 * dev.hiveauth.protocol.transport.RelaySocket}, a WebSocket that reconnects with backoff, keeps itself alive with
 * pings and reports explicit states, over a {@link dev.hiveauth.protocol.transport.Dialer} (Tyrus by default) and
 * injected {@link dev.hiveauth.protocol.transport.Timers}.
 */
package dev.hiveauth.protocol.transport;
