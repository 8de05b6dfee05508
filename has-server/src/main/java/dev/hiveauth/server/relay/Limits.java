package dev.hiveauth.server.relay;

/**
 * What peers may cost the server (SPEC §1), per socket and in total, so memory stays bounded whatever
 * peers send. Change one with the {@code with…} methods. Defaults:
 * <ul>
 *   <li>frames up to 256 KiB;</li>
 *   <li>per APP socket, 1,000 requests waiting for a wallet whose forwarded frames hold at most 16 MiB;</li>
 *   <li>per PKSA socket, 1,000 registered accounts;</li>
 *   <li>per socket, 100 messages/s sustained with bursts of 1,000 — a socket that keeps sending past its rate
 *       ({@code abuseBudget} refused frames, forgiven at a tenth of that per second) is closed with 1008 —
 *       except a wallet's replies to the requests forwarded to it, which are never refused for rate;</li>
 *   <li>in total, 50,000 connections, 250,000 requests waiting for a wallet holding at most 256 MiB of
 *       frames, another 256 MiB at most of replies kept for attach (past it a reply is relayed but not
 *       kept), and 1,000,000 registrations.</li>
 * </ul>
 *
 * <p>The per-socket defaults are deliberately above SPEC §1's example values (100 pending, 50/s with bursts
 * of 200): one backend APP socket often carries the logins of many users, and after a reconnect it
 * re-attaches or submits its whole pending allowance at once (hence a burst as large as that allowance).
 * Memory stays bounded by the server-wide caps and by the per-socket byte cap, which also keeps one abusive
 * socket from taking the whole server-wide budget.
 */
public record Limits(int maxFrameBytes, int maxPendingPerSocket, long maxPendingBytesPerSocket,
                     int maxAccountsPerSocket, double messagesPerSecond, int messageBurst, int abuseBudget,
                     int maxConnections, int maxPendingTotal, long maxPendingBytes, int maxRegistrationsTotal) {

    /** The relay's defaults. */
    public static final Limits DEFAULT = new Limits(256 * 1024, 1_000, 16L * 1024 * 1024, 1_000, 100, 1_000, 100,
            50_000, 250_000, 256L * 1024 * 1024, 1_000_000);

    /** Checks that every limit is positive. */
    public Limits {
        requirePositive(maxFrameBytes, "maxFrameBytes");
        requirePositive(maxPendingPerSocket, "maxPendingPerSocket");
        requirePositive(maxPendingBytesPerSocket, "maxPendingBytesPerSocket");
        requirePositive(maxAccountsPerSocket, "maxAccountsPerSocket");
        requirePositive(messageBurst, "messageBurst");
        requirePositive(abuseBudget, "abuseBudget");
        requirePositive(maxConnections, "maxConnections");
        requirePositive(maxPendingTotal, "maxPendingTotal");
        requirePositive(maxRegistrationsTotal, "maxRegistrationsTotal");
        if (!(messagesPerSecond > 0)) {
            throw new IllegalArgumentException("messagesPerSecond must be positive");
        }
        if (maxFrameBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at most 64 MiB");
        }
        if (maxPendingBytes < maxFrameBytes) {
            throw new IllegalArgumentException("maxPendingBytes must hold at least one frame");
        }
        if (maxPendingBytesPerSocket < maxFrameBytes) {
            throw new IllegalArgumentException("maxPendingBytesPerSocket must hold at least one frame");
        }
        if (maxPendingBytesPerSocket > maxPendingBytes) {
            throw new IllegalArgumentException("maxPendingBytesPerSocket must not exceed maxPendingBytes");
        }
    }

    /** The largest frame; the byte budgets grow to hold at least one if they are smaller. */
    public Limits withMaxFrameBytes(int value) {
        return new Limits(value, maxPendingPerSocket, Math.max(maxPendingBytesPerSocket, value), maxAccountsPerSocket,
                messagesPerSecond, messageBurst, abuseBudget, maxConnections, maxPendingTotal,
                Math.max(maxPendingBytes, value), maxRegistrationsTotal);
    }

    /** A copy with another number of waiting requests per socket. */
    public Limits withMaxPendingPerSocket(int value) {
        return new Limits(maxFrameBytes, value, maxPendingBytesPerSocket, maxAccountsPerSocket, messagesPerSecond,
                messageBurst, abuseBudget, maxConnections, maxPendingTotal, maxPendingBytes, maxRegistrationsTotal);
    }

    /** Bytes the forwarded frames of one APP socket's requests still waiting for a wallet may hold. */
    public Limits withMaxPendingBytesPerSocket(long value) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, value, maxAccountsPerSocket, messagesPerSecond,
                messageBurst, abuseBudget, maxConnections, maxPendingTotal, maxPendingBytes, maxRegistrationsTotal);
    }

    /** A copy with another number of accounts one socket may register. */
    public Limits withMaxAccountsPerSocket(int value) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, maxPendingBytesPerSocket, value, messagesPerSecond,
                messageBurst, abuseBudget, maxConnections, maxPendingTotal, maxPendingBytes, maxRegistrationsTotal);
    }

    /** Sustained messages per second and burst size, per socket. */
    public Limits withRate(double perSecond, int burst) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, maxPendingBytesPerSocket, maxAccountsPerSocket,
                perSecond, burst, abuseBudget, maxConnections, maxPendingTotal, maxPendingBytes, maxRegistrationsTotal);
    }

    /** A copy with another abuse budget. */
    public Limits withAbuseBudget(int value) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, maxPendingBytesPerSocket, maxAccountsPerSocket,
                messagesPerSecond, messageBurst, value, maxConnections, maxPendingTotal, maxPendingBytes,
                maxRegistrationsTotal);
    }

    /** A copy with another number of connections in all. */
    public Limits withMaxConnections(int value) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, maxPendingBytesPerSocket, maxAccountsPerSocket,
                messagesPerSecond, messageBurst, abuseBudget, value, maxPendingTotal, maxPendingBytes,
                maxRegistrationsTotal);
    }

    /**
     * Pending requests in total (including those kept for attach) and the bytes their frames may hold. A
     * per-socket byte budget above the new total comes down to it: one socket cannot hold more than the server.
     */
    public Limits withPendingTotal(int requests, long bytes) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, Math.min(maxPendingBytesPerSocket, bytes),
                maxAccountsPerSocket, messagesPerSecond, messageBurst, abuseBudget, maxConnections, requests, bytes,
                maxRegistrationsTotal);
    }

    /** A copy with another number of registrations in all. */
    public Limits withMaxRegistrationsTotal(int value) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, maxPendingBytesPerSocket, maxAccountsPerSocket,
                messagesPerSecond, messageBurst, abuseBudget, maxConnections, maxPendingTotal, maxPendingBytes, value);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
