package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.chain.AccountName;
import dev.hiveauth.protocol.chain.Authority;
import dev.hiveauth.protocol.chain.DynamicGlobalProperties;
import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.chain.HiveTime;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.chain.Transaction;
import dev.hiveauth.protocol.chain.rpc.TransactionStatus;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The state behind one or more {@link FakeHiveNode}s: accounts and their keys, a head block that moves
 * with the injected clock (one block every 3 s) or by hand, and the transactions accepted so far. Two
 * nodes serving one chain behave like two API nodes of the same network: a transaction accepted by one
 * is a duplicate on the other.
 *
 * <p>Thread-safe: the nodes call it from their HTTP threads while the test reads it.
 */
public final class FakeHiveChain {
    /** How many blocks back transaction_status_api remembers (hived's default block depth). */
    static final long STATUS_TRACKED_BLOCKS = 64_000;

    /** An account as the chain stores it: the keys plus the bookkeeping a node reports with them. */
    record StoredAccount(long id, HiveAccount account, Instant created, Instant lastUpdate) {
    }

    private final ChainSettings settings;
    private final BlockSchedule blocks;
    private final Map<String, StoredAccount> accounts = new LinkedHashMap<>();
    private final Map<String, AcceptedTransaction> accepted = new LinkedHashMap<>();
    private final List<RefusedTransaction> refused = new ArrayList<>();

    public FakeHiveChain(Clock clock) {
        this(clock, ChainSettings.DEFAULT);
    }

    public FakeHiveChain(Clock clock, ChainSettings settings) {
        Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.blocks = new BlockSchedule(clock, settings.firstBlock(), settings.irreversibleDepth());
    }

    public ChainSettings settings() {
        return settings;
    }

    /** Creates an account with {@link AccountKeys#of deterministic keys} and returns them, to sign with. */
    public AccountKeys createAccount(String name) {
        AccountKeys keys = AccountKeys.of(name);
        addAccount(keys.toAccount());
        return keys;
    }

    /** Adds the account these keys sign for (e.g. {@link AccountKeys#fromPassword}), one key per authority. */
    public void addAccount(AccountKeys keys) {
        addAccount(keys.toAccount());
    }

    /** Adds an account whose authorities are each one key of weight 1. */
    public void addAccount(String name, PublicKey owner, PublicKey active, PublicKey posting, PublicKey memo) {
        addAccount(new HiveAccount(name, Authority.ofKey(owner), Authority.ofKey(active), Authority.ofKey(posting), memo));
    }

    /** Adds an account with any authorities (several keys, thresholds, account_auths); the name must be new. */
    public synchronized void addAccount(HiveAccount account) {
        AccountName.requireValid(account.name());
        if (accounts.containsKey(account.name())) {
            throw new IllegalStateException("account " + account.name() + " already exists");
        }
        Instant now = blocks.head().time();
        accounts.put(account.name(), new StoredAccount(accounts.size() + 1L, account, now, now));
    }

    /** Replaces an existing account's authorities and memo key, as an account_update would (key rotation). */
    public synchronized void updateAccount(HiveAccount account) {
        StoredAccount old = accounts.get(account.name());
        if (old == null) {
            throw new IllegalStateException("account " + account.name() + " does not exist");
        }
        accounts.put(account.name(), new StoredAccount(old.id(), account, old.created(), blocks.head().time()));
    }

    /** Gives an existing account these keys (one key per authority), e.g. after a password change. */
    public void updateKeys(AccountKeys keys) {
        updateAccount(keys.toAccount());
    }

    public synchronized Optional<HiveAccount> account(String name) {
        return Optional.ofNullable(accounts.get(name)).map(StoredAccount::account);
    }

    /** The head block, as {@code get_dynamic_global_properties} reports it now. */
    public DynamicGlobalProperties headBlock() {
        BlockSchedule.Head head = blocks.head();
        return new DynamicGlobalProperties(head.number(), BlockSchedule.idHex(head.number()), head.time());
    }

    /** Moves the head on by {@code count} blocks (3 s of chain time each) without waiting for the clock. */
    public void produceBlocks(int count) {
        blocks.produce(count);
    }

    /** Every transaction accepted so far, in the order accepted. */
    public synchronized List<AcceptedTransaction> accepted() {
        return List.copyOf(accepted.values());
    }

    public synchronized Optional<AcceptedTransaction> accepted(String transactionId) {
        return Optional.ofNullable(accepted.get(transactionId));
    }

    /** Every broadcast refused so far, with the node's error message. */
    public synchronized List<RefusedTransaction> refused() {
        return List.copyOf(refused);
    }

    /** Waits up to 10 s for a transaction another thread broadcasts; see {@link #awaitAccepted(String, Duration)}. */
    public AcceptedTransaction awaitAccepted(String transactionId) {
        return awaitAccepted(transactionId, Duration.ofSeconds(10));
    }

    /** Waits for the transaction to be accepted; fails with the refusals so far if it is not in time. */
    public synchronized AcceptedTransaction awaitAccepted(String transactionId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!accepted.containsKey(transactionId)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("transaction " + transactionId + " was not accepted within "
                        + timeout.toMillis() + " ms; refused so far: " + refused.stream().map(RefusedTransaction::message).toList());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for transaction " + transactionId, e);
            }
        }
        return accepted.get(transactionId);
    }

    BlockSchedule.Head head() {
        return blocks.head();
    }

    /** The accounts among {@code names} that exist, in the order asked (a node leaves out the others). */
    synchronized List<StoredAccount> findAccounts(List<String> names) {
        return names.stream().map(accounts::get).filter(Objects::nonNull).toList();
    }

    /** {@code broadcast_transaction}: checks as hived does, records it, or throws the node's error. */
    synchronized AcceptedTransaction broadcast(JsonNode json) {
        try {
            AcceptedTransaction transaction = check(json);
            accepted.put(transaction.id(), transaction);
            notifyAll();
            return transaction;
        } catch (NodeError e) {
            refused.add(new RefusedTransaction(json, e.getMessage()));
            throw e;
        }
    }

    private AcceptedTransaction check(JsonNode json) {
        SignedTransaction signed = TransactionChecks.parse(json);
        Transaction transaction = signed.transaction();
        BlockSchedule.Head head = blocks.head();
        String id = transaction.id();
        AcceptedTransaction earlier = accepted.get(id);
        // hived forgets a transaction id once the transaction expired: then it fails the expiration check instead
        if (earlier != null && earlier.expiration().isAfter(head.time())) {
            throw NodeError.assertion("(skip & skip_transaction_dupe_check) || trx_idx.indices().get<by_trx_id>()"
                    + ".find(trx_id) == trx_idx.indices().get<by_trx_id>().end()", "Duplicate transaction check failed")
                    .with("trx_ix", id);
        }
        TransactionChecks.checkExpiration(transaction, head, settings.maxExpiration());
        TransactionChecks.checkTapos(transaction, head);
        Set<PublicKey> signers = TransactionChecks.signers(signed, settings.chainId());
        new AuthorityVerifier(signers, this::existingAccount, settings).verify(transaction.requiredAuthorities());
        return new AcceptedTransaction(id, signed, json, head.number() + 1, signers);
    }

    private HiveAccount existingAccount(String name) {
        StoredAccount stored = accounts.get(name);
        if (stored == null) {
            throw NodeError.chain(13, "out_of_range", "unknown key", "unknown account " + name).with("name", name);
        }
        return stored.account();
    }

    /**
     * {@code find_transaction}: in the mempool until the next block, then in a reversible block, then in an
     * irreversible one; a transaction the chain does not know is {@code unknown}, or, given its expiration,
     * expired or too old to tell.
     */
    synchronized TransactionStatus status(String transactionId, Optional<Instant> expiration) {
        BlockSchedule.Head head = blocks.head();
        long trackedAfter = head.number() - STATUS_TRACKED_BLOCKS;
        AcceptedTransaction transaction = accepted.get(transactionId);
        if (transaction != null && transaction.blockNumber() > trackedAfter) {
            if (head.number() < transaction.blockNumber()) {
                return TransactionStatus.WITHIN_MEMPOOL;
            }
            // a transaction that expires before its block is produced never gets into one
            if (transaction.expiration().isAfter(blocks.timeOf(transaction.blockNumber()))) {
                return transaction.blockNumber() <= head.lastIrreversible()
                        ? TransactionStatus.WITHIN_IRREVERSIBLE_BLOCK : TransactionStatus.WITHIN_REVERSIBLE_BLOCK;
            }
            return expired(transaction.expiration(), head);
        }
        if (expiration.isEmpty()) {
            return TransactionStatus.UNKNOWN;
        }
        if (expiration.get().isBefore(blocks.timeOf(trackedAfter))) {
            return TransactionStatus.TOO_OLD;
        }
        return expiration.get().isAfter(head.time()) ? TransactionStatus.UNKNOWN : expired(expiration.get(), head);
    }

    private TransactionStatus expired(Instant expiration, BlockSchedule.Head head) {
        return expiration.isAfter(blocks.timeOf(head.lastIrreversible()))
                ? TransactionStatus.EXPIRED_REVERSIBLE : TransactionStatus.EXPIRED_IRREVERSIBLE;
    }

    /** For failure messages: the chain's head and what it holds, never a key. */
    @Override
    public synchronized String toString() {
        BlockSchedule.Head head = blocks.head();
        return "FakeHiveChain[head " + head.number() + " at " + HiveTime.format(head.time()) + ", "
                + accounts.size() + " accounts, " + accepted.size() + " accepted, " + refused.size() + " refused]";
    }
}
