package dev.hiveauth.protocol.message;

/**
 * The HAS's immediate answer to a request, giving its {@code uuid} and {@code expire}. The APP matches it
 * to its request by order only: the HAS answers requests in the order they arrived.
 */
public sealed interface Wait extends HasMessage permits AuthWait, SignWait, ChallengeWait {

    /** Which family of requests this answers. */
    Family family();

    /** The request's id, which the HAS gave it. */
    String uuid();

    /** When the request expires, epoch milliseconds. */
    long expire();
}
