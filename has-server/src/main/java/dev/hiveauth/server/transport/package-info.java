/**
 * The relay's WebSocket endpoint on Grizzly and Tyrus: listening on the host asked for, TLS, admission and byte caps
 * per connection, and closing peers that break the rules, below the relay's own logic.
 */
package dev.hiveauth.server.transport;
