package dev.hiveauth.server.relay;

/**
 * What peers may cost the server (SPEC §1), per socket and in total, so memory stays bounded whatever
 * peers send. Defaults: frames up to 256 KiB; per socket 100 pending requests (APP), 1,000 registered
 * accounts (PKSA), 50 messages/s sustained with bursts of 200 — a socket that keeps sending past its rate
 * ({@code abuseBudget} refused frames, forgiven at a tenth of that per second) is closed with 1008; in
 * total 50,000 connections, 250,000 requests waiting for a wallet holding at most 256 MiB of frames,
 * another 256 MiB at most of replies kept for attach (past it a reply is relayed but not kept), and
 * 1,000,000 registrations. Change one with the {@code with…} methods.
 */
public record Limits(int maxFrameBytes, int maxPendingPerSocket, int maxAccountsPerSocket,
                     double messagesPerSecond, int messageBurst, int abuseBudget, int maxConnections,
                     int maxPendingTotal, long maxPendingBytes, int maxRegistrationsTotal) {

    public static final Limits DEFAULT =
            new Limits(256 * 1024, 100, 1_000, 50, 200, 100, 50_000, 250_000, 256L * 1024 * 1024, 1_000_000);

    public Limits {
        requirePositive(maxFrameBytes, "maxFrameBytes");
        requirePositive(maxPendingPerSocket, "maxPendingPerSocket");
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
    }

    public Limits withMaxFrameBytes(int value) {
        return new Limits(value, maxPendingPerSocket, maxAccountsPerSocket, messagesPerSecond, messageBurst,
                abuseBudget, maxConnections, maxPendingTotal, Math.max(maxPendingBytes, value), maxRegistrationsTotal);
    }

    public Limits withMaxPendingPerSocket(int value) {
        return new Limits(maxFrameBytes, value, maxAccountsPerSocket, messagesPerSecond, messageBurst,
                abuseBudget, maxConnections, maxPendingTotal, maxPendingBytes, maxRegistrationsTotal);
    }

    public Limits withMaxAccountsPerSocket(int value) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, value, messagesPerSecond, messageBurst,
                abuseBudget, maxConnections, maxPendingTotal, maxPendingBytes, maxRegistrationsTotal);
    }

    /** Sustained messages per second and burst size, per socket. */
    public Limits withRate(double perSecond, int burst) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, maxAccountsPerSocket, perSecond, burst,
                abuseBudget, maxConnections, maxPendingTotal, maxPendingBytes, maxRegistrationsTotal);
    }

    public Limits withAbuseBudget(int value) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, maxAccountsPerSocket, messagesPerSecond, messageBurst,
                value, maxConnections, maxPendingTotal, maxPendingBytes, maxRegistrationsTotal);
    }

    public Limits withMaxConnections(int value) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, maxAccountsPerSocket, messagesPerSecond, messageBurst,
                abuseBudget, value, maxPendingTotal, maxPendingBytes, maxRegistrationsTotal);
    }

    /** Pending requests in total (including those kept for attach) and the bytes their frames may hold. */
    public Limits withPendingTotal(int requests, long bytes) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, maxAccountsPerSocket, messagesPerSecond, messageBurst,
                abuseBudget, maxConnections, requests, bytes, maxRegistrationsTotal);
    }

    public Limits withMaxRegistrationsTotal(int value) {
        return new Limits(maxFrameBytes, maxPendingPerSocket, maxAccountsPerSocket, messagesPerSecond, messageBurst,
                abuseBudget, maxConnections, maxPendingTotal, maxPendingBytes, value);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
