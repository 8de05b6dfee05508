package dev.hiveauth.server.transport;

/**
 * Who may connect: how many connections the server holds at most and how many of them one client address may hold,
 * both counting connections still in their handshake; and whether each connection starts with a PROXY protocol
 * header naming the client (a relay behind a load balancer).
 */
public record Admission(int maxConnections, int maxConnectionsPerAddress, boolean proxyProtocol) {

    /** Checks that both caps are positive. */
    public Admission {
        if (maxConnections <= 0 || maxConnectionsPerAddress <= 0) {
            throw new IllegalArgumentException("the connection caps must be positive");
        }
    }

    /** Connections capped at {@code maxConnections} only, addresses as the network shows them. */
    public static Admission upTo(int maxConnections) {
        return new Admission(maxConnections, maxConnections, false);
    }
}
