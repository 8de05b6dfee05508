package dev.hiveauth.server.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which wallet connections of this node registered which account. Registrations live as long as their socket, so they
 * are always the node's own, whatever store holds the requests.
 */
final class Registrations {
    private final Map<String, Map<Connection, WalletRegistration>> byAccount = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /** Registers the account to the wallet's connection; null if it already was. */
    WalletRegistration add(String account, Peer peer) {
        Connection wallet = peer.connection();
        WalletRegistration[] added = {null};
        byAccount.compute(account, (name, wallets) -> {
            Map<Connection, WalletRegistration> map = wallets == null ? new ConcurrentHashMap<>() : wallets;
            if (!map.containsKey(wallet)) {
                added[0] = new WalletRegistration(peer);
                map.put(wallet, added[0]);
            }
            return map;
        });
        if (added[0] != null) {
            count.incrementAndGet();
        }
        return added[0];
    }

    boolean isRegistered(String account, Connection wallet) {
        Map<Connection, WalletRegistration> wallets = byAccount.get(account);
        return wallets != null && wallets.containsKey(wallet);
    }

    /** The account's registrations now (a view: one added or removed meanwhile may or may not be in it). */
    Collection<WalletRegistration> of(String account) {
        Map<Connection, WalletRegistration> wallets = byAccount.get(account);
        return wallets == null ? List.of() : wallets.values();
    }

    /** Forgets the connection's registrations of these accounts; returns the accounts it had registered. */
    List<String> remove(Connection wallet, Collection<String> accounts) {
        List<String> removed = new ArrayList<>(accounts.size());
        for (String account : accounts) {
            boolean[] gone = {false};
            byAccount.computeIfPresent(account, (name, wallets) -> {
                gone[0] = wallets.remove(wallet) != null;
                return wallets.isEmpty() ? null : wallets;
            });
            if (gone[0]) {
                count.decrementAndGet();
                removed.add(account);
            }
        }
        return removed;
    }

    /** Registrations in total: an account registered by two wallets counts twice. */
    int count() {
        return count.get();
    }
}
