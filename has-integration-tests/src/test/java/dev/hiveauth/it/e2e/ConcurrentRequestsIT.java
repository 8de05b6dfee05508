package dev.hiveauth.it.e2e;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.SignRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.app.Auth;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.pksa.AuthStore;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.AcceptedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One application client, many threads, many requests in flight on its one connection: requests carry no id of
 * their own, so everything rests on the relay answering {@code *_wait} in arrival order and on the client pairing
 * them in that order. Each request must get its own answer.
 *
 * <p>BUG PIN (has-app-client, found by {@link #signingRequestsFromManyThreadsWithOneAuthentication_areAllSigned}):
 * {@code HasClient} took a request's nonce before taking its place on the connection, so two threads could send
 * their requests in the opposite order of their nonces, and the wallet refused the second one to arrive as a replay
 * ("nonce … is not greater than the last one accepted"): 11 of 48 concurrent votes failed so in a first run. Fixed in has-app-client
 * by taking the nonce when the request goes on the wire, under the connection's lock.
 */
class ConcurrentRequestsIT {
    private static final String SECRET = "concurrency secret";
    private static final int THREADS = 8;
    private static final int EACH = 8;

    private final HiveAuthWorld world = HiveAuthWorld.start();
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void close() {
        threads.shutdownNow();
        world.close();
    }

    /** Runs {@code request} for 0..THREADS*EACH-1, from THREADS threads released at once. */
    private <T> List<CompletableFuture<T>> fromManyThreads(Function<Integer, CompletableFuture<T>> request) {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<CompletableFuture<T>>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS * EACH; i++) {
            int index = i;
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return request.apply(index);
            }, threads));
        }
        go.countDown();
        return calls.stream().map(Awaited::value).toList();
    }

    @Test
    void signingRequestsFromManyThreadsWithOneAuthentication_areAllSigned() {
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(new ServicePolicy(true)));
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice")
                .app(new AuthReqData.App("it.example")).build())).auth();

        List<CompletableFuture<SignResult>> votes = fromManyThreads(i -> app.sign(SignRequest.newBuilder(auth)
                .keyType(KeyType.POSTING).operations(OperationsJson.vote("alice", "bob", "post-" + i)).build()));

        List<String> txids = votes.stream().map(vote -> Awaited.value(vote).txid()).toList();
        Map<String, String> permlinkById = world.chain().accepted().stream().collect(Collectors.toMap(
                AcceptedTransaction::id, tx -> tx.operations().get(0).string("permlink")));
        for (int i = 0; i < txids.size(); i++) {
            assertThat(permlinkById.get(txids.get(i))).as("vote %d got the id of its own transaction", i)
                    .isEqualTo("post-" + i);
        }
    }

    @Test
    void loginsFromManyThreads_eachGetTheirOwnApprovalAndKey() {
        AuthStore store = AuthStore.inMemory();
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(new ServicePolicy(true)).auths(store));
        HasClient app = world.open(world.app().authKeySecret(SECRET));

        List<CompletableFuture<AuthResult>> logins = fromManyThreads(i -> app.authenticate(AuthRequest.newBuilder("alice").app(new AuthReqData.App("app-" + i)).build()));

        List<String> keys = logins.stream().map(login -> Awaited.value(login).auth().authKey()).toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(store.auths("alice")).extracting(dev.hiveauth.pksa.Auth::key)
                .containsExactlyInAnyOrderElementsOf(keys);
    }
}
