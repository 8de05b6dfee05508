package dev.hiveauth.server.relay;

/**
 * How much of the server one client address may hold, below the server-wide caps, so that one client — a script
 * opening thousands of sockets — cannot take everyone's share. The address is the peer's, or the one a load balancer
 * declares in a PROXY protocol header. Many real users may share one address (a company's NAT, a mobile carrier's):
 * where they do, these are raised.
 *
 * @param connections open connections from one address, counting those still in their handshake
 * @param pendingRequests requests from one address waiting for a wallet
 * @param registrations account registrations held by wallet sockets from one address
 */
public record AddressLimits(int connections, int pendingRequests, int registrations) {

    /** Checks that every limit is positive. */
    public AddressLimits {
        if (connections <= 0 || pendingRequests <= 0 || registrations <= 0) {
            throw new IllegalArgumentException("the limits per address must be positive");
        }
    }

    /** A tenth of each server-wide cap: ten clients filling their shares still leave the server serving. */
    public static AddressLimits tenthOf(Limits limits) {
        return new AddressLimits(Math.max(1, limits.maxConnections() / 10), Math.max(1, limits.maxPendingTotal() / 10),
                Math.max(1, limits.maxRegistrationsTotal() / 10));
    }

    /** A copy with another number of connections per address. */
    public AddressLimits withConnections(int value) {
        return new AddressLimits(value, pendingRequests, registrations);
    }

    /** A copy with another number of waiting requests per address. */
    public AddressLimits withPendingRequests(int value) {
        return new AddressLimits(connections, value, registrations);
    }

    /** A copy with another number of registrations per address. */
    public AddressLimits withRegistrations(int value) {
        return new AddressLimits(connections, pendingRequests, value);
    }
}
