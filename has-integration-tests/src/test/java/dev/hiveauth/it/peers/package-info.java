/**
 * The deployed peers as they really speak, written frame by frame from the protocol notes — Hive Keychain Mobile,
 * HiveAuth Mobile, the Hive Keychain extension — against the real relay, app client and wallet library.
 */
package dev.hiveauth.it.peers;
