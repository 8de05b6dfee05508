package dev.hiveauth.server.relay;

/**
 * What one peer may cost the server (SPEC §1). Defaults: frames up to 256 KiB, 100 pending requests per APP
 * socket, 1,000 registered accounts per PKSA socket, 50 messages/s sustained with bursts of 200 per socket;
 * a socket that keeps sending past its rate ({@code abuseBudget} refused frames, refilling at
 * {@code abuseBudget/10} per second) is closed with 1008; at most 50,000 connections.
 */
public record Limits(int maxFrameBytes, int maxPendingPerSocket, int maxAccountsPerSocket,
                     double messagesPerSecond, int messageBurst, int abuseBudget, int maxConnections) {

    public static final Limits DEFAULT = new Limits(256 * 1024, 100, 1_000, 50, 200, 100, 50_000);

    public Limits {
        requirePositive(maxFrameBytes, "maxFrameBytes");
        requirePositive(maxPendingPerSocket, "maxPendingPerSocket");
        requirePositive(maxAccountsPerSocket, "maxAccountsPerSocket");
        requirePositive(messageBurst, "messageBurst");
        requirePositive(abuseBudget, "abuseBudget");
        requirePositive(maxConnections, "maxConnections");
        if (!(messagesPerSecond > 0)) {
            throw new IllegalArgumentException("messagesPerSecond must be positive");
        }
        if (maxFrameBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at most 64 MiB");
        }
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
