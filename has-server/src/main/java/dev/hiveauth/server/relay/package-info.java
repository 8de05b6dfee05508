/**
 * The relay's state machine, apart from any network: how it answers each command of each connection, what it keeps
 * ({@link dev.hiveauth.server.relay.RelayState}: requests and registrations), and the limits that keep any one peer
 * from taking more than its share.
 */
package dev.hiveauth.server.relay;
