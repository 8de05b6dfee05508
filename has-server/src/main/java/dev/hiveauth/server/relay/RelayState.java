package dev.hiveauth.server.relay;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The relay's memory: requests by uuid and account, and which PKSA connections registered which account.
 * Behind an interface so a shared store (e.g. Redis) can replace {@link InMemoryRelayState} without touching
 * the relay logic. Implementations are thread-safe.
 */
public interface RelayState {
    /** Keeps a new request. */
    void add(PendingRequest request);

    /** The request with this uuid, live or not, or null. */
    PendingRequest request(String uuid);

    /** Unanswered requests for the account, oldest first (to forward to a PKSA that just registered). */
    List<PendingRequest> unanswered(String account);

    /** The request got its reply: it waits for no wallet any more (the reply may still be kept for attach). */
    void answered(PendingRequest request);

    /** Removes and returns every request that is no longer live at {@code now}. */
    List<PendingRequest> sweep(long now);

    /** How many requests are kept. */
    int requestCount();

    /** Registers the account to the connection; false if it already was. */
    boolean register(String account, Connection pksa);

    /** True when the connection registered the account. */
    boolean isRegistered(String account, Connection pksa);

    /** The connections that registered the account (a copy). */
    Set<Connection> registrations(String account);

    /** Forgets the connection's registrations of these accounts. */
    void unregister(Connection pksa, Collection<String> accounts);

    /** Registrations in total: an account registered by two PKSAs counts twice. */
    int registrationCount();
}
