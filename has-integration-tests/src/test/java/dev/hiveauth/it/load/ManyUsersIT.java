package dev.hiveauth.it.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.TcpProxy;
import dev.hiveauth.pksa.AuthStore;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.testing.AccountKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backend logs thousands of users in at once, at default settings everywhere: the relay's limits, the client's flow
 * control, a service wallet answering for 100 accounts on one socket. Every login must be approved exactly once — the
 * relay counts every approval it relayed and every request it refused or let expire, the wallet keeps one
 * authentication per login — and none may be refused or expire. The wall time and the threads the clients cost are
 * printed for the figures; the threads are also held to a bound, since a client must cost a socket, not a
 * thread pool.
 */
class ManyUsersIT {
    private static final String SECRET = "many users secret";
    private static final int ACCOUNTS = 100;
    private static final int LOGINS = 2_000;
    private static final Duration ALL_APPROVED = Duration.ofMinutes(2);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final HiveAuthWorld world = HiveAuthWorld.start();
    private final List<AccountKeys> users = new ArrayList<>();
    private final AuthStore walletStore = AuthStore.inMemory();

    @BeforeEach
    void createUsers() {
        for (int i = 0; i < ACCOUNTS; i++) {
            users.add(world.chain().createAccount("user" + i));
        }
    }

    @AfterEach
    void close() {
        world.close();
    }

    /** The service wallet of every user, reaching the relay at {@code via}. */
    private Pksa serviceWallet(URI via) {
        return world.online(world.wallet(users.toArray(new AccountKeys[0])).serviceSecret(SECRET)
                .policy(new ServicePolicy(true)).auths(walletStore), via);
    }

    private HasClient backend() {
        // the world's clients check expiry often and reconnect fast; flow control stays at its defaults
        return world.open(world.app().authKeySecret(SECRET));
    }

    private static CompletableFuture<AuthResult> login(HasClient client, String account) {
        return client.authenticate(AuthRequest.newBuilder(account).app("many-users.example").build());
    }

    /**
     * Waits for every login, then checks each was approved once and the relay refused and lost none ({@code earlier}
     * logins approved before these are left out of the counts).
     */
    private void assertEveryLoginApprovedOnce(List<CompletableFuture<AuthResult>> logins, int earlier) {
        CompletableFuture.allOf(logins.toArray(new CompletableFuture<?>[0])).orTimeout(ALL_APPROVED.toSeconds(),
                TimeUnit.SECONDS).join();
        List<String> keys = logins.stream().map(login -> login.join().auth().authKey()).toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(world.requests("auth", "approved")).isEqualTo(earlier + logins.size());
        assertThat(world.requests("auth", "rejected")).as("requests the relay refused").isZero();
        assertThat(world.errorsSent()).as("errors the relay sent, to the apps or the wallet").isZero();
        assertThat(world.requests("auth", "expired")).isZero();
        long stored = users.stream().mapToLong(user -> walletStore.auths(user.name()).size()).sum();
        assertThat(stored).as("one authentication per login in the wallet").isEqualTo(earlier + logins.size());
    }

    private String account(int login) {
        return users.get(login % ACCOUNTS).name();
    }

    @Test
    void twoThousandLoginsThroughOneClient_allApprovedOnce() {
        serviceWallet(world.relay());
        HasClient backend = backend();
        int threadsBefore = THREADS.getThreadCount();
        long start = System.nanoTime();

        List<CompletableFuture<AuthResult>> logins = IntStream.range(0, LOGINS)
                .mapToObj(i -> login(backend, account(i))).toList();
        assertEveryLoginApprovedOnce(logins, 0);

        report("%d logins through 1 client: %.1f s, threads %d -> %d", LOGINS, seconds(start), threadsBefore,
                THREADS.getPeakThreadCount());
    }

    @Test
    void twoThousandLoginsThroughTwoHundredClients_allApprovedOnce_andTheClientsCostNoThreads() {
        serviceWallet(world.relay());
        Awaited.value(login(backend(), account(0))); // the JVM's shared client threads are up now
        THREADS.resetPeakThreadCount();
        int threadsBefore = THREADS.getThreadCount();
        long start = System.nanoTime();

        List<HasClient> clients = IntStream.range(0, 200).mapToObj(i -> backend()).toList();
        List<CompletableFuture<AuthResult>> logins = IntStream.range(0, LOGINS)
                .mapToObj(i -> login(clients.get(i % clients.size()), account(i))).toList();
        assertEveryLoginApprovedOnce(logins, 1);

        int peak = THREADS.getPeakThreadCount();
        report("%d logins through 200 clients: %.1f s, threads %d -> peak %d (%.2f per client)", LOGINS, seconds(start),
                threadsBefore, peak, (peak - threadsBefore) / 200.0);
        // a client is a socket: the relay's own workers and the shared pools may grow a little, never per client
        assertThat(peak - threadsBefore).as("threads added by 200 clients").isLessThan(40);
    }

    @Test
    void aWalletThatDropsItsConnectionMidWay_stillApprovesEveryLoginOnce() {
        TcpProxy link = world.track(TcpProxy.to(world.relay()));
        serviceWallet(link.uri());
        HasClient backend = backend();
        long start = System.nanoTime();

        List<CompletableFuture<AuthResult>> logins = IntStream.range(0, LOGINS)
                .mapToObj(i -> login(backend, account(i))).toList();
        await().atMost(ALL_APPROVED).until(() -> logins.stream().filter(CompletableFuture::isDone).count() >= LOGINS / 2);
        link.cut();
        assertEveryLoginApprovedOnce(logins, 0);

        assertThat(link.admitted()).as("the wallet came back").isGreaterThanOrEqualTo(2);
        report("%d logins, the wallet cut off half-way: %.1f s", LOGINS, seconds(start));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void report(String format, Object... values) {
        System.out.println("ManyUsersIT: " + String.format(format, values));
    }
}
