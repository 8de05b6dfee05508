package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.chain.AccountName;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.crypto.ProofOfKeyException;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.message.RegisterAck;
import dev.hiveauth.protocol.message.RegisterReq;
import dev.hiveauth.server.observe.RelayMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code register_req} (SPEC §5): each account is checked on its own — a valid name, an account that exists
 * on chain, a proof of key made with one of its keys within ±10 s — and answered with its own
 * {@code register_ack}; the accounts that fail are named, with the reason, in one {@code error}. Requests
 * already waiting for a newly registered account, on any node, are forwarded right after its ack.
 */
final class Registrar {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    private static final String INVALID_NAME = "invalid account name: ";

    private final RequestStore store;
    private final Registrations registrations;
    private final AccountKeys accountKeys;
    private final ProofOfKey.Verifier verifier;
    private final Limits limits;
    private final RelayMetrics metrics;
    private final RequestRouter router;
    private final AddressLimits addressLimits;
    private final AddressShares shares;

    Registrar(RequestStore store, Registrations registrations, AccountKeys accountKeys, ProofOfKey.Verifier verifier,
              Limits limits, AddressLimits addressLimits, AddressShares shares, RelayMetrics metrics,
              RequestRouter router) {
        this.store = store;
        this.registrations = registrations;
        this.addressLimits = addressLimits;
        this.shares = shares;
        this.accountKeys = accountKeys;
        this.verifier = verifier;
        this.limits = limits;
        this.metrics = metrics;
        this.router = router;
    }

    void register(Peer pksa, RegisterReq request) {
        if (request.accounts().isEmpty()) {
            pksa.send(new ErrorMessage("register_req: \"accounts\" is empty"));
            return;
        }
        // Written from the store's threads too, when a registration completes there.
        Map<String, String> failures = Collections.synchronizedMap(new LinkedHashMap<>());
        Map<String, String> proofs = new LinkedHashMap<>();
        int room = limits.maxAccountsPerSocket() - pksa.accountCount();
        for (RegisterReq.Account account : request.accounts()) {
            String name = account.name();
            if (proofs.containsKey(name) || failures.containsKey(name)) {
                continue; // the same account twice in one message: the first one counts
            }
            String problem = AccountName.problem(name).orElse(null);
            if (problem != null) {
                failures.put(name, INVALID_NAME + problem);
            } else if (!pksa.hasAccount(name) && registrations.count() >= limits.maxRegistrationsTotal()) {
                failures.put(name, "the server holds " + limits.maxRegistrationsTotal()
                        + " registrations, its limit, try again later");
            } else if (!pksa.hasAccount(name) && room <= 0) {
                failures.put(name, "this connection already registered " + limits.maxAccountsPerSocket()
                        + " accounts, the limit");
            } else {
                if (!pksa.hasAccount(name)) {
                    room--;
                }
                proofs.put(name, account.proof());
            }
        }
        if (proofs.isEmpty()) {
            reportFailures(pksa, failures);
            return;
        }
        // One address's wallets may have as many names looked up at once as one wallet socket may register: a script
        // sending registration after registration of made-up names waits for its own lookups, and does not fill the
        // queue toward the Hive nodes that everyone's registrations share.
        int lookups = proofs.size();
        if (!pksa.share().takeLookups(lookups, limits.maxAccountsPerSocket())) {
            proofs.keySet().forEach(name -> failures.put(name, "this address has " + limits.maxAccountsPerSocket()
                    + " accounts being checked on chain, the limit for one address, try again later"));
            reportFailures(pksa, failures);
            return;
        }
        lookUp(proofs.keySet()).whenComplete((keysByAccount, lookupFailure) -> {
            shares.lookupsReleased(pksa.share(), lookups);
            if (lookupFailure != null) {
                Throwable cause = Stores.cause(lookupFailure);
                pksa.log().warn(LOG, "cannot look up {}: {}", Shown.names(proofs.keySet()), cause.toString());
                String reason = cause instanceof AccountKeysBusyException ? cause.getMessage()
                        : "cannot check the account on chain now";
                proofs.keySet().forEach(name -> failures.put(name, reason));
                reportFailures(pksa, failures);
            } else {
                List<CompletableFuture<Void>> stored = verifyEach(pksa, proofs, keysByAccount, failures);
                CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new))
                        .whenComplete((all, failure) -> reportFailures(pksa, failures));
            }
        });
    }

    /** The lookup, failed rather than thrown whatever the implementation does (an embedder's may throw). */
    private CompletableFuture<Map<String, Set<PublicKey>>> lookUp(Set<String> names) {
        try {
            return accountKeys.lookup(names);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Checks each proof and registers the accounts that pass; the stages complete once the store has answered. */
    private List<CompletableFuture<Void>> verifyEach(Peer pksa, Map<String, String> proofs,
                                                     Map<String, Set<PublicKey>> keysByAccount,
                                                     Map<String, String> failures) {
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        for (Map.Entry<String, String> entry : proofs.entrySet()) {
            String name = entry.getKey();
            Set<PublicKey> keys = keysByAccount.get(name);
            if (keys == null) {
                failures.put(name, "no such account");
                continue;
            }
            try {
                verifier.verifyRegistration(entry.getValue(), keys);
            } catch (ProofOfKeyException e) {
                metrics.pokFailure("registration");
                failures.put(name, e.getMessage());
                continue;
            }
            if (pksa.hasAccount(name)) {
                // Registering again on the same socket is acked again, but what waits for the account was already
                // sent to this socket: a phone wallet would show it twice.
                pksa.send(new RegisterAck(name));
                continue;
            }
            if (!pksa.share().takeRegistration(addressLimits.registrations())) {
                failures.put(name, "this address holds " + addressLimits.registrations()
                        + " registrations, the limit for one address, try again later");
                continue;
            }
            WalletRegistration registration;
            CompletionStage<Void> watched;
            // Under the peer's lock, which its close takes too: a registration either ends with the socket or is
            // never made, and the store never watches an account for a socket that is gone.
            synchronized (pksa) {
                if (!pksa.addAccount(name)) {
                    shares.registrationsReleased(pksa.share(), 1);
                    break; // the socket closed during the lookup: register nothing more
                }
                registration = registrations.add(name, pksa);
                watched = store.watch(name);
            }
            stored.add(register(pksa, name, registration, watched, failures));
        }
        return stored;
    }

    /**
     * Once the store forwards the account's new requests here and has listed those waiting, the ack leaves, then each
     * waiting request (SPEC §5). If the store cannot, the account is not registered: the wallet is told, and tries
     * again, rather than being acked and missing requests.
     */
    private CompletableFuture<Void> register(Peer pksa, String name, WalletRegistration registration,
                                             CompletionStage<Void> watched, Map<String, String> failures) {
        boolean[] watching = {false};
        return watched.thenCompose(done -> {
            watching[0] = true;
            return store.waiting(name, router.now());
        }).<Void>handle((waiting, failure) -> {
            if (failure == null) {
                LOG.debug("{}: registered {}", pksa.id(), name);
                registration.acknowledge(MessageCodec.encode(new RegisterAck(name)));
                router.catchUp(waiting, registration);
                return null;
            }
            pksa.log().warn(LOG, "cannot register {}: {}", Shown.name(name), Stores.reason(failure));
            if (pksa.removeAccount(name)) {
                registrations.remove(pksa.connection(), List.of(name));
                shares.registrationsReleased(pksa.share(), 1);
                if (watching[0]) {
                    store.unwatch(name);
                }
            }
            failures.put(name, StoreUnavailableException.PEER_MESSAGE);
            return null;
        }).toCompletableFuture();
    }

    /**
     * One {@code error} naming every account refused, with its reason — except invalid names past the first few, only
     * counted: no wallet holds them, and a peer sending a thousand must not get a reply larger than what it sent.
     */
    private static void reportFailures(Peer pksa, Map<String, String> failures) {
        List<String> parts = new ArrayList<>();
        synchronized (failures) {
            if (failures.isEmpty()) {
                return;
            }
            int invalid = 0;
            for (Map.Entry<String, String> failure : failures.entrySet()) {
                if (failure.getValue().startsWith(INVALID_NAME) && ++invalid > Shown.LISTED) {
                    continue;
                }
                parts.add(Shown.name(failure.getKey()) + " (" + failure.getValue() + ")");
            }
            if (invalid > Shown.LISTED) {
                parts.add((invalid - Shown.LISTED) + " more invalid account names");
            }
        }
        pksa.log().info(LOG, "registration refused: {}", Shown.first(parts));
        pksa.send(new ErrorMessage("registration failed: " + String.join("; ", parts)));
    }
}
