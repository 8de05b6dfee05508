package dev.hiveauth.app;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.payload.AuthPayload;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.testing.MutableClock;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.glassfish.tyrus.client.ClientManager;

/**
 * The real HAS on loopback (has-server), on its own hand-moved clock, knowing one account, alice, whose
 * posting key the scripted wallets hold; it closes every client and wallet it made.
 */
public final class LoopbackRelay implements AutoCloseable {
    public static final String ALICE = "alice";
    public static final PrivateKey ALICE_POSTING = PrivateKey.fromSeed("alice posting");

    public final MutableClock clock = new MutableClock(System.currentTimeMillis());
    final HasServer server;
    private final ClientManager wallets;
    private final List<Closeable> opened = new ArrayList<>();

    public LoopbackRelay(ClientManager wallets) {
        this(wallets, builder -> builder);
    }

    LoopbackRelay(ClientManager wallets, UnaryOperator<HasServer.Builder> settings) {
        this.wallets = wallets;
        this.server = settings.apply(HasServer.builder()
                .host("127.0.0.1")
                .port(0)
                .clock(clock)
                .accountKeys(AccountKeys.of(Map.of(ALICE, Set.of(ALICE_POSTING.publicKey())))))
                .build()
                .start();
    }

    public String url() {
        return server.uri().toString();
    }

    /** A client builder for this relay, checking expiry often so clock-driven tests finish quickly. */
    HasClient.Builder clientFor(String url) {
        return HasClient.builder()
                .server(url)
                .expiryCheckInterval(Duration.ofMillis(20))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    HasClient client() {
        return keep(clientFor(url()).build());
    }

    HasClient client(UnaryOperator<HasClient.Builder> settings) {
        return keep(settings.apply(clientFor(url())).build());
    }

    /** A wallet that registered alice. */
    public ScriptedPksa alicesWallet() throws Exception {
        return keep(ScriptedPksa.register(wallets, server.uri(), ALICE, ALICE_POSTING, clock));
    }

    /** Runs a whole approved authentication of alice and returns the auth (with {@code token}, or null). */
    Auth authenticate(HasClient app, ScriptedPksa wallet, String token) throws Exception {
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
        CompletableFuture<AuthResult> result = app.authenticate(AuthRequest.newBuilder(ALICE)
                .app(new AuthReqData.App("myapp")).onWait(shown::complete).build());
        AuthReq forwarded = wallet.request(AuthReq.class);
        String key = AuthPayload.parse(shown.get(10, TimeUnit.SECONDS).uri()).key();
        wallet.approve(forwarded, key, clock.millis() + Duration.ofDays(1).toMillis(), null, token);
        return result.get(10, TimeUnit.SECONDS).auth();
    }

    /** How many requests of this type ({@code auth}, {@code sign}, {@code challenge}) ended so ({@code rejected}…). */
    double requests(String type, String outcome) {
        var counter = server.meterRegistry().find("has.requests").tags("type", type, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    HasClient keep(HasClient client) {
        opened.add(client::close);
        return client;
    }

    ScriptedPksa keep(ScriptedPksa wallet) {
        opened.add(wallet);
        return wallet;
    }

    @Override
    public void close() throws IOException {
        for (Closeable closeable : opened) {
            closeable.close();
        }
        server.stop();
    }
}
