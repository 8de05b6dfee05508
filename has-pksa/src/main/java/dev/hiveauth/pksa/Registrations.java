package dev.hiveauth.pksa;

import dev.hiveauth.protocol.transport.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each of a wallet's accounts stands with one relay: waiting to be sent (no relay key yet, or a new
 * connection), sent and waiting for its {@code register_ack}, registered, or refused and waiting to be tried
 * again. A refusal for a passing reason (the relay could not reach the chain, was busy) is tried again after a
 * backoff that starts at seconds; a standing one (no such account, a key that is not the account's) every ten
 * minutes, in case the chain or the wallet's keys changed. A registration the relay never answers counts as
 * refused after {@link #ACK_TIMEOUT}. Times are the transport's monotonic milliseconds. Used on the wallet's thread.
 */
final class Registrations {
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STANDING_RETRY = Duration.ofMinutes(10);

    enum Stage { WAITING, SENT, REGISTERED, REFUSED }

    /** One account's standing; {@code reason} is the last refusal's, kept until the account is registered. */
    private static final class Account {
        Stage stage = Stage.WAITING;
        long sentAtMillis;
        long retryAtMillis;
        int refusals;
        String reason;
    }

    /** An account the relay refused, why, and when it is tried again. */
    record Refusal(String account, String reason, long retryInMillis) {
    }

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Backoff backoff;

    Registrations(Backoff backoff) {
        this.backoff = backoff;
    }

    /** Adds accounts to register; true when one was new. */
    boolean add(List<String> names) {
        boolean added = false;
        for (String name : names) {
            if (!accounts.containsKey(name)) {
                accounts.put(name, new Account());
                added = true;
            }
        }
        return added;
    }

    Set<String> names() {
        return accounts.keySet();
    }

    /** A new connection: registrations end with the old one; what was refused keeps its retry time. */
    void newConnection() {
        for (Account account : accounts.values()) {
            if (account.stage != Stage.REFUSED) {
                account.stage = Stage.WAITING;
            }
        }
    }

    /** The accounts to send in a register_req now, marked sent. */
    List<String> takeDue(long nowMillis) {
        List<String> due = new ArrayList<>();
        accounts.forEach((name, account) -> {
            if (account.stage == Stage.WAITING || account.stage == Stage.REFUSED && account.retryAtMillis <= nowMillis) {
                account.stage = Stage.SENT;
                account.sentAtMillis = nowMillis;
                due.add(name);
            }
        });
        return due;
    }

    /** The account could not even be sent (no key held for a proof): refused standing, like the relay would. */
    Refusal unsendable(String name, String reason, long nowMillis) {
        return refuse(accounts.get(name), name, reason, nowMillis, new HashMap<>());
    }

    /** True when the relay acknowledged the account (it was sent and not registered before). */
    boolean registered(String name) {
        Account account = accounts.get(name);
        if (account == null || account.stage == Stage.REGISTERED) {
            return false;
        }
        account.stage = Stage.REGISTERED;
        account.refusals = 0;
        account.reason = null;
        return true;
    }

    /** The relay no longer counts the account as registered: send it again. True when it was registered. */
    boolean unregistered(String name) {
        Account account = accounts.get(name);
        if (account == null || account.stage != Stage.REGISTERED) {
            return false;
        }
        account.stage = Stage.WAITING;
        return true;
    }

    boolean isRegistered(String name) {
        Account account = accounts.get(name);
        return account != null && account.stage == Stage.REGISTERED;
    }

    /**
     * The relay refused these accounts (those of them sent and not registered since). With nothing named, every
     * account waiting for an answer is refused for {@code generalReason}.
     */
    List<Refusal> refused(Map<String, String> named, String generalReason, long nowMillis) {
        List<Refusal> refusals = new ArrayList<>();
        Map<Integer, Long> delays = new HashMap<>();
        accounts.forEach((name, account) -> {
            if (account.stage != Stage.SENT) {
                return;
            }
            String reason = named.isEmpty() ? generalReason : named.get(name);
            if (reason != null) {
                refusals.add(refuse(account, name, reason, nowMillis, delays));
            }
        });
        return refusals;
    }

    /** Accounts sent longer than {@link #ACK_TIMEOUT} ago with no answer count as refused. */
    List<Refusal> unanswered(long nowMillis) {
        List<Refusal> refusals = new ArrayList<>();
        Map<Integer, Long> delays = new HashMap<>();
        accounts.forEach((name, account) -> {
            if (account.stage == Stage.SENT && nowMillis - account.sentAtMillis >= ACK_TIMEOUT.toMillis()) {
                refusals.add(refuse(account, name, "no answer from the relay within " + ACK_TIMEOUT.toSeconds() + " s",
                        nowMillis, delays));
            }
        });
        return refusals;
    }

    /** When something is next due (a retry, or an answer overdue), or {@link Long#MAX_VALUE}. */
    long nextDueMillis() {
        long next = Long.MAX_VALUE;
        for (Account account : accounts.values()) {
            if (account.stage == Stage.REFUSED) {
                next = Math.min(next, account.retryAtMillis);
            } else if (account.stage == Stage.SENT) {
                next = Math.min(next, account.sentAtMillis + ACK_TIMEOUT.toMillis());
            }
        }
        return next;
    }

    /**
     * The outcome so far for {@code names}: null while some account has had no answer yet, otherwise each refused
     * account with its last reason (empty: all registered).
     */
    Map<String, String> outcome(Set<String> names) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (String name : names) {
            Account account = accounts.get(name);
            if (account == null || account.stage == Stage.REGISTERED) {
                continue;
            }
            if (account.reason == null) {
                return null;
            }
            refused.put(name, account.reason);
        }
        return refused;
    }

    /**
     * {@code delays}: the backoff drawn for this batch, by refusals in a row. Accounts refused together with the same
     * history share one draw, so they are asked for again together in one {@code register_req}, not one each.
     */
    private Refusal refuse(Account account, String name, String reason, long nowMillis, Map<Integer, Long> delays) {
        long delay = RelayErrors.isPassing(reason)
                ? delays.computeIfAbsent(account.refusals, backoff::delayMillis) : STANDING_RETRY.toMillis();
        account.stage = Stage.REFUSED;
        account.refusals = Math.min(account.refusals + 1, 30);
        account.reason = reason;
        account.retryAtMillis = nowMillis + delay;
        return new Refusal(name, reason, delay);
    }
}
