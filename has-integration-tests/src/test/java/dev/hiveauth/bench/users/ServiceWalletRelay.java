package dev.hiveauth.bench.users;

import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.measure.RelayCounters;
import dev.hiveauth.bench.roundtrip.BenchAccount;
import dev.hiveauth.pksa.AuthStore;
import dev.hiveauth.pksa.KeyStore;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.Limits;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a backend meets in production: a HAS server in this JVM at its default limits (nothing lifted), and one
 * service wallet (the real {@link Pksa}, approving every login) registered for every account on one socket.
 * Closing it closes the wallet and stops the server.
 */
final class ServiceWalletRelay implements AutoCloseable {
    /** The service wallet's {@code auth_req_secret}, which the backend's clients share. */
    static final String SECRET = "bench service secret";
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The relay counts a reply as approved just after queueing it, so a client can hold the last result a moment
     * before the counter moves: give the counters that moment before reading them.
     */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final HasServer server;
    private final Pksa wallet;
    private final AuthStore walletAuths;
    private final List<BenchAccount> accounts;

    private ServiceWalletRelay(HasServer server, Pksa wallet, AuthStore walletAuths, List<BenchAccount> accounts) {
        this.server = server;
        this.wallet = wallet;
        this.walletAuths = walletAuths;
        this.accounts = accounts;
    }

    /** Starts the relay and the wallet, and returns once the relay registered every account. */
    static ServiceWalletRelay start(int accountCount, Duration serverTimeout) throws Exception {
        List<BenchAccount> accounts = BenchAccount.create(accountCount);
        HasServer server = HasServer.builder()
                .host("127.0.0.1")
                .port(0)
                .accountKeys(AccountKeys.of(BenchAccount.keyTable(accounts)))
                .timeout(serverTimeout)
                .limits(Limits.DEFAULT.withMaxConnections(1_000)) // 50,000 connections' heap does not fit in 1 GiB
                .build()
                .start();
        AuthStore walletAuths = AuthStore.inMemory();
        Pksa wallet = Pksa.builder()
                .name("bench-service-wallet")
                .keys(KeyStore.of(keyStore(accounts)))
                .auths(walletAuths)
                .serviceSecret(SECRET)
                .policy(new ServicePolicy(true))
                .build();
        ServiceWalletRelay relay = new ServiceWalletRelay(server, wallet, walletAuths, accounts);
        try {
            wallet.connect(server.uri()).get(SETUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception | Error e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    /** The posting key of each account: the wallet proves it holds it when it registers. */
    private static Map<String, Map<KeyType, PrivateKey>> keyStore(List<BenchAccount> accounts) {
        Map<String, Map<KeyType, PrivateKey>> keys = new LinkedHashMap<>();
        for (BenchAccount account : accounts) {
            keys.put(account.name(), Map.of(KeyType.POSTING, account.key()));
        }
        return keys;
    }

    /** The relay's address as a {@link dev.hiveauth.app.HasClient} is given it. */
    String url() {
        return server.uri().toString();
    }

    /** The account of login {@code index}: round robin, so every account gets its share. */
    String account(int index) {
        return accounts.get(index % accounts.size()).name();
    }

    /** Sockets open at the relay other than the wallet's own. */
    int clientConnections() {
        return server.connectionCount() - 1;
    }

    /** Authentications the wallet granted and stored, over every account. */
    long walletAuths() {
        return accounts.stream().mapToLong(account -> walletAuths.auths(account.name()).size()).sum();
    }

    /** The relay's counts once it has counted {@code expectedApprovals} approvals or {@link #SETTLE} passed. */
    UsersResult.RelayCounts settledCounts(long expectedApprovals) {
        MeterRegistry meters = server.meterRegistry();
        Pacing.awaitCondition(() -> RelayCounters.authRequests(meters, "approved") >= expectedApprovals, SETTLE);
        return new UsersResult.RelayCounts(RelayCounters.authRequests(meters, "accepted"),
                RelayCounters.authRequests(meters, "approved"), RelayCounters.authRequests(meters, "rejected"),
                RelayCounters.authRequests(meters, "expired"), RelayCounters.total(meters, "has.errors"));
    }

    @Override
    public void close() {
        wallet.close();
        server.stop();
    }
}
