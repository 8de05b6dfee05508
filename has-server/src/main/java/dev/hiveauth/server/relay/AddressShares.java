package dev.hiveauth.server.relay;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Every client address's {@link AddressShare}, created with its first connection and dropped once it holds nothing.
 * Connections join and leave under the map's per-key lock; what is released is checked there too, so a share is
 * never dropped while a connection, a waiting request, a registration or a lookup still counts on it.
 */
final class AddressShares {
    private final ConcurrentHashMap<String, AddressShare> shares = new ConcurrentHashMap<>();

    /** A connection from {@code address} opened. */
    AddressShare join(String address) {
        return shares.compute(address, (key, share) -> {
            AddressShare joined = share == null ? new AddressShare(key) : share;
            joined.connections++;
            return joined;
        });
    }

    /** A connection of this share closed. */
    void leave(AddressShare share) {
        shares.computeIfPresent(share.address(), (key, current) -> {
            current.connections--;
            return current.holdsNothing() ? null : current;
        });
    }

    /** One of the share's requests stopped waiting. */
    void pendingReleased(AddressShare share) {
        share.pendingReleased();
        dropIfEmpty(share);
    }

    /** The share's wallets gave up {@code count} registrations. */
    void registrationsReleased(AddressShare share, int count) {
        if (count > 0) {
            share.registrationsReleased(count);
            dropIfEmpty(share);
        }
    }

    /** The lookups of {@code count} account names the share's wallets asked for ended. */
    void lookupsReleased(AddressShare share, int count) {
        share.lookupsReleased(count);
        dropIfEmpty(share);
    }

    private void dropIfEmpty(AddressShare share) {
        shares.computeIfPresent(share.address(), (key, current) -> current == share && current.holdsNothing()
                ? null : current);
    }

    /** Addresses holding anything now. */
    int addressCount() {
        return shares.size();
    }
}
