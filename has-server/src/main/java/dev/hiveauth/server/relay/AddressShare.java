package dev.hiveauth.server.relay;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one client address holds at the relay: its open connections, its requests waiting for a wallet (they outlive
 * the connection that sent them, for attach), its wallets' registrations and the account names its wallets are having
 * looked up on chain. Kept by {@link AddressShares} as long
 * as it holds anything, so reconnecting never resets an address's count.
 */
final class AddressShare {
    private final String address;
    /** Changed only inside {@link AddressShares}' map operations, which also decide when the share goes. */
    int connections;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger registrations = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();

    AddressShare(String address) {
        this.address = address;
    }

    String address() {
        return address;
    }

    /** Takes one waiting request, unless the address already has {@code max}. */
    boolean takePending(int max) {
        return take(pending, 1, max);
    }

    /** Takes one registration, unless the address already holds {@code max}. */
    boolean takeRegistration(int max) {
        return take(registrations, 1, max);
    }

    /** Takes {@code count} account names to look up, unless the address would then have more than {@code max}. */
    boolean takeLookups(int count, int max) {
        return take(lookups, count, max);
    }

    int pending() {
        return pending.get();
    }

    int registrations() {
        return registrations.get();
    }

    void pendingReleased() {
        pending.decrementAndGet();
    }

    void registrationsReleased(int count) {
        registrations.addAndGet(-count);
    }

    void lookupsReleased(int count) {
        lookups.addAndGet(-count);
    }

    boolean holdsNothing() {
        return connections == 0 && pending.get() == 0 && registrations.get() == 0 && lookups.get() == 0;
    }

    private static boolean take(AtomicInteger count, int wanted, int max) {
        while (true) {
            int now = count.get();
            if ((long) now + wanted > max) { // long: a limit of Integer.MAX_VALUE means none
                return false;
            }
            if (count.compareAndSet(now, now + wanted)) {
                return true;
            }
        }
    }
}
