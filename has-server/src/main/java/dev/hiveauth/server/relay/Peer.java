package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.message.HasMessage;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.server.observe.RelayMetrics;
import dev.hiveauth.server.observe.RelayMetrics.Role;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the relay knows about one connection: its role (from the commands it sent), its message rate and
 * reply credits, the accounts it registered (PKSA) and how many of its requests are waiting for a wallet,
 * and the bytes of their forwarded frames (APP); and its client address's {@link AddressShare}.
 */
final class Peer {
    private final Connection connection;
    private final RelayMetrics metrics;
    private final MessageRate rate;
    /** Made at the first registration: most connections are apps, or idle, and never register (null until then). */
    private volatile Set<String> accounts;
    private volatile Outbox outbox;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final PeerLog log;
    private final AddressShare share;
    private Role role = Role.UNKNOWN;
    private boolean closed;

    Peer(Connection connection, AddressShare share, Limits limits, Clock clock, RelayMetrics metrics, PeerLog log) {
        this.connection = connection;
        this.share = share;
        this.metrics = metrics;
        this.rate = new MessageRate(limits, clock);
        this.log = log;
    }

    /** What this connection's client address holds, with its other connections. */
    AddressShare share() {
        return share;
    }

    /** Log lines about this connection, bounded in length and number. */
    PeerLog log() {
        return log;
    }

    Connection connection() {
        return connection;
    }

    String id() {
        return connection.id();
    }

    /** Sends at once: for what answers no request of an APP (a wallet's errors, acks). */
    void send(HasMessage message) {
        if (message instanceof dev.hiveauth.protocol.message.ErrorMessage) {
            metrics.errorSent();
        }
        connection.send(MessageCodec.encode(message));
    }

    /** Answers a request of this APP in its turn, behind the answers to its earlier requests that are not sent yet. */
    void answer(HasMessage message) {
        if (message instanceof dev.hiveauth.protocol.message.ErrorMessage) {
            metrics.errorSent();
        }
        outbox().answer(MessageCodec.encode(message));
    }

    /** This APP connection's answers in the order its requests arrived; made at its first request. */
    Outbox outbox() {
        Outbox made = outbox;
        if (made == null) {
            synchronized (this) {
                if (outbox == null) {
                    outbox = new Outbox(connection);
                }
                made = outbox;
            }
        }
        return made;
    }

    /** The first role a connection shows is the one it keeps in the metrics. */
    synchronized void actsAs(Role newRole) {
        if (role == Role.UNKNOWN && !closed) {
            metrics.connectionRoleChanged(role, newRole);
            role = newRole;
        }
    }

    /** Rate check for one incoming frame; {@code reply} when it decoded to a reply, which may use a credit. */
    MessageRate.Verdict admit(boolean reply) {
        return rate.admit(reply);
    }

    /** A request was forwarded to this connection (a wallet): one reply credit. */
    void requestForwarded() {
        rate.requestForwarded();
    }

    /** Adds a registration unless the connection closed meanwhile (a chain lookup takes time). */
    synchronized boolean addAccount(String account) {
        if (closed) {
            return false;
        }
        if (accounts == null) {
            accounts = ConcurrentHashMap.newKeySet();
        }
        accounts.add(account);
        return true;
    }

    /** Drops a registration the store could not take; false if the connection closed meanwhile (its close did). */
    synchronized boolean removeAccount(String account) {
        return !closed && accounts != null && accounts.remove(account);
    }

    boolean hasAccount(String account) {
        Set<String> registered = accounts;
        return registered != null && registered.contains(account);
    }

    int accountCount() {
        Set<String> registered = accounts;
        return registered == null ? 0 : registered.size();
    }

    /** Marks the connection closed and returns the accounts it had registered. */
    synchronized List<String> close() {
        closed = true;
        metrics.connectionClosed(role);
        return accounts == null ? List.of() : List.copyOf(accounts);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    int pendingCount() {
        return pending.get();
    }

    long pendingBytes() {
        return pendingBytes.get();
    }

    /** One of this connection's requests now waits for a wallet; {@code bytes}: its forwarded frame. */
    void requestAdded(long bytes) {
        pending.incrementAndGet();
        pendingBytes.addAndGet(bytes);
    }

    /** That request stopped waiting (answered or expired). */
    void requestDone(long bytes) {
        pending.decrementAndGet();
        pendingBytes.addAndGet(-bytes);
    }
}
