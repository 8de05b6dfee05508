package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.BenchSettings;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.Limits;
import java.time.Duration;
import java.util.List;

/**
 * One HAS server in this JVM with its simulated peers, ready for a phase; closing it stops them all.
 */
final class RoundTripRig implements AutoCloseable {
    /**
     * The per-socket limits (messages per second, pending requests and their bytes) protect the server from one
     * abusive peer; here one simulated connection carries the traffic of many users, so they are lifted.
     * Everything else — frame size, accounts per socket, the server-wide caps — stays at its default, except the
     * connection cap: 50,000 connections' worth of heap does not fit beside the default memory caps in the benchmark's
     * 1 GiB, and the server refuses limits that do not fit.
     */
    static final Limits BENCH_LIMITS = Limits.DEFAULT.withMaxPendingPerSocket(1_000_000)
            .withMaxPendingBytesPerSocket(Limits.DEFAULT.maxPendingBytes()).withRate(10_000_000, 10_000_000)
            .withMaxConnections(1_000);

    private final HasServer server;
    private final SimulatedPeers peers;

    private RoundTripRig(HasServer server, SimulatedPeers peers) {
        this.server = server;
        this.peers = peers;
    }

    static RoundTripRig start(BenchSettings settings) throws Exception {
        List<BenchAccount> accounts = BenchAccount.create(settings.accounts());
        HasServer server = HasServer.builder()
                .host("127.0.0.1")
                .port(0)
                .accountKeys(AccountKeys.of(BenchAccount.keyTable(accounts)))
                .timeout(settings.serverTimeout())
                .limits(BENCH_LIMITS)
                .build()
                .start();
        try {
            return new RoundTripRig(server, SimulatedPeers.connect(server.uri(), server.serverKey(),
                    settings.replyPok(), accounts, settings.pksas(), settings.apps()));
        } catch (Exception | Error e) {
            server.stop();
            throw e;
        }
    }

    HasServer server() {
        return server;
    }

    List<SimulatedApp> apps() {
        return peers.apps();
    }

    /** Waits for the last answers, then judges the phase by the peers' and the server's counts. */
    RoundTripCorrectness drain(Duration timeout) {
        return Drain.await(peers::outstanding, () -> peers.correctness(ServerCounts.of(server.meterRegistry())),
                timeout);
    }

    @Override
    public void close() {
        peers.close();
        server.stop();
    }
}
