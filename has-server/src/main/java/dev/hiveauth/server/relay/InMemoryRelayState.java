package dev.hiveauth.server.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link RelayState} in this JVM's memory: concurrent maps, nothing survives a restart. */
public final class InMemoryRelayState implements RelayState {
    private final Map<String, PendingRequest> byUuid = new ConcurrentHashMap<>();
    /** Requests waiting for a wallet, by account: an answered one leaves at once, its kept reply is in byUuid only. */
    private final Map<String, Set<PendingRequest>> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> registered = new ConcurrentHashMap<>();
    private final AtomicInteger registrations = new AtomicInteger();
    private final ExpiryBuckets deadlines = new ExpiryBuckets();

    @Override
    public void add(PendingRequest request) {
        byUuid.put(request.uuid(), request);
        byAccount.computeIfAbsent(request.account(), account -> ConcurrentHashMap.newKeySet()).add(request);
        deadlines.add(request.expire(), request);
    }

    @Override
    public PendingRequest request(String uuid) {
        return byUuid.get(uuid);
    }

    @Override
    public List<PendingRequest> unanswered(String account) {
        Set<PendingRequest> requests = byAccount.get(account);
        if (requests == null) {
            return List.of();
        }
        List<PendingRequest> waiting = new ArrayList<>();
        for (PendingRequest request : requests) {
            if (!request.isAnswered()) {
                waiting.add(request);
            }
        }
        waiting.sort(Comparator.comparingLong(PendingRequest::arrival));
        return waiting;
    }

    @Override
    public void answered(PendingRequest request) {
        leaveAccount(request);
    }

    private void leaveAccount(PendingRequest request) {
        byAccount.computeIfPresent(request.account(), (account, requests) -> {
            requests.remove(request);
            return requests.isEmpty() ? null : requests;
        });
    }

    @Override
    public synchronized List<PendingRequest> sweep(long now) {
        List<PendingRequest> removed = new ArrayList<>();
        for (PendingRequest request : deadlines.sweep(now)) {
            if (byUuid.remove(request.uuid(), request)) {
                if (!request.isAnswered()) {
                    leaveAccount(request);
                }
                removed.add(request);
            }
        }
        return removed;
    }

    @Override
    public int requestCount() {
        return byUuid.size();
    }

    @Override
    public boolean register(String account, Connection pksa) {
        boolean[] added = {false};
        registered.compute(account, (name, connections) -> {
            Set<Connection> set = connections == null ? ConcurrentHashMap.newKeySet() : connections;
            added[0] = set.add(pksa);
            return set;
        });
        if (added[0]) {
            registrations.incrementAndGet();
        }
        return added[0];
    }

    @Override
    public boolean isRegistered(String account, Connection pksa) {
        Set<Connection> connections = registered.get(account);
        return connections != null && connections.contains(pksa);
    }

    @Override
    public Set<Connection> registrations(String account) {
        Set<Connection> connections = registered.get(account);
        return connections == null ? Set.of() : Set.copyOf(connections);
    }

    @Override
    public void unregister(Connection pksa, Collection<String> accounts) {
        for (String account : accounts) {
            registered.computeIfPresent(account, (name, connections) -> {
                if (connections.remove(pksa)) {
                    registrations.decrementAndGet();
                }
                return connections.isEmpty() ? null : connections;
            });
        }
    }

    @Override
    public int registrationCount() {
        return registrations.get();
    }
}
