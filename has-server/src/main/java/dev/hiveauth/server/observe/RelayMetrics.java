package dev.hiveauth.server.observe;

import java.util.function.Supplier;

/**
 * What the relay counts, as it happens. The server counts through {@link MicrometerMetrics} when Micrometer's
 * Prometheus registry is on the class path, and through {@link #NONE} otherwise: an application that embeds the
 * relay needs no metrics library to run it. Every method does nothing unless an implementation says otherwise.
 */
public interface RelayMetrics {
    /** Counts nothing. */
    RelayMetrics NONE = new RelayMetrics() { };

    /** What a connection is, from the commands it has sent. */
    enum Role { UNKNOWN, APP, PKSA }

    /** What happened to a request. */
    enum Outcome { ACCEPTED, REJECTED, APPROVED, REFUSED, FAILED, EXPIRED }

    /** A connection opened, of no role yet. */
    default void connectionOpened() {
    }

    /** A connection showed which role it plays. */
    default void connectionRoleChanged(Role from, Role to) {
    }

    /** A connection of {@code role} closed. */
    default void connectionClosed(Role role) {
    }

    /** A request of {@code type} (auth, sign or challenge) came to {@code outcome}. */
    default void request(String type, Outcome outcome) {
    }

    /** A proof of key failed at {@code stage}: registration or reply. */
    default void pokFailure(String stage) {
    }

    /** The relay sent a peer an {@code error}. */
    default void errorSent() {
    }

    /** A log line about a peer was left out (its budget was spent): the metric counts what the log does not show. */
    default void logLineSuppressed() {
    }

    /** What peers make the network side hold: bytes waiting to be sent, bytes of messages received in part. */
    default void bufferGauges(Supplier<Number> queuedBytes, Supplier<Number> receivingBytes) {
    }

    /** The transport closed a connection on its own ({@code reason}: slow_reader, ping_flood, …). */
    default void closedByTransport(String reason) {
    }

    /** A {@code get_accounts} call to the Hive nodes ended: answered, or failed on every node. */
    default void hiveCall(boolean answered) {
    }

    /** An account lookup was refused: the queue toward the Hive nodes was full, or the lookup waited too long in it. */
    default void hiveLookupRefused() {
    }

    /** Account names waiting for a call to a Hive node, and calls not answered yet. */
    default void hiveLookupGauges(Supplier<Number> queuedNames, Supplier<Number> callsInFlight) {
    }

    /** A frame received at {@code startNanos} ({@link System#nanoTime()}) has been handled. */
    default void relayed(long startNanos) {
    }

    /** Whether the shared store (Redis) answers now, read when the metrics are scraped. */
    default void storeGauge(java.util.function.BooleanSupplier up) {
    }

    /** A command to the shared store ({@code operation}: create, claim, attach, …) took {@code nanos}, or failed. */
    default void storeCommand(String operation, long nanos, boolean failed) {
    }

    /** The store's subscription connection was made again ({@code why}: reconnected, probe_failed). */
    default void pubSubRenewed(String why) {
    }

    /** A message meant for this node ({@code kind}: forward or reply) came from another node through the store. */
    default void relayedAcrossNodes(String kind) {
    }

    /** After a gap in the store's messages, {@code count} messages of {@code kind} were found missing and delivered. */
    default void recovered(String kind, int count) {
    }
}
