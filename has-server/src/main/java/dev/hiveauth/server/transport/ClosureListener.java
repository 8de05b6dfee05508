package dev.hiveauth.server.transport;

/** Told each time the transport closes a connection on its own, with why; called on I/O or sweeper threads. */
@FunctionalInterface
public interface ClosureListener {

    /** @param detail the reason in words, bounded in length (for a log line) */
    void closed(Closure closure, String detail);
}
