/**
 * The relay's state machine, apart from any network: how it answers each command of each connection, where it keeps
 * requests ({@link dev.hiveauth.server.relay.RequestStore}: in this process, or shared by several nodes), and the
 * limits that keep any one peer from taking more than its share.
 */
package dev.hiveauth.server.relay;
