package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.BenchSettings;
import dev.hiveauth.bench.measure.RelayCounters;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.Limits;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * One HAS server in this JVM with its simulated PKSAs (registered, each account on exactly one PKSA, so each
 * request has exactly one answer) and APPs (connected), ready for a phase; closing it stops them all.
 */
final class RoundTripRig implements AutoCloseable {
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

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
    private final ClientManager client;
    private final List<SimulatedPksa> pksas = new ArrayList<>();
    private final List<SimulatedApp> apps = new ArrayList<>();

    private RoundTripRig(HasServer server, ClientManager client) {
        this.server = server;
        this.client = client;
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
        ClientManager client = ClientManager.createClient();
        // Without this, Tyrus gives every session its own transport with three threads of its own.
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        RoundTripRig rig = new RoundTripRig(server, client);
        try {
            for (int p = 0; p < settings.pksas(); p++) {
                int from = p * settings.accountsPerPksa();
                rig.pksas.add(SimulatedPksa.connect(client, server.uri(), server.serverKey(), settings.replyPok(),
                        accounts.subList(from, from + settings.accountsPerPksa()), SETUP_TIMEOUT));
            }
            for (int a = 0; a < settings.apps(); a++) {
                // Each APP starts on a different account, so the accounts (and PKSAs) share the load evenly.
                List<BenchAccount> rotated = new ArrayList<>(accounts.subList(a % accounts.size(), accounts.size()));
                rotated.addAll(accounts.subList(0, a % accounts.size()));
                rig.apps.add(SimulatedApp.connect(client, server.uri(), rotated, SETUP_TIMEOUT));
            }
        } catch (Exception | Error e) {
            rig.close();
            throw e;
        }
        return rig;
    }

    HasServer server() {
        return server;
    }

    List<SimulatedApp> apps() {
        return apps;
    }

    /** Requests sent and not yet answered, over all APPs. */
    long outstanding() {
        return apps.stream().mapToLong(SimulatedApp::outstanding).sum();
    }

    /** Every counter of the phase, from the peers' side and from the server's meters. */
    RoundTripCorrectness correctness() {
        long sent = 0;
        long waits = 0;
        long answered = 0;
        long duplicates = 0;
        long acksBeforeWait = 0;
        long unmatchedWaits = 0;
        List<String> samples = new ArrayList<>();
        PeerTotals appTotals = new PeerTotals();
        for (SimulatedApp app : apps) {
            SimulatedApp.AppTally tally = app.tally();
            sent += tally.sent();
            waits += tally.waits();
            answered += tally.answered();
            duplicates += tally.duplicates();
            acksBeforeWait += tally.acksBeforeWait();
            unmatchedWaits += tally.unmatchedWaits();
            appTotals.add(app.counts(), samples);
        }
        long forwarded = 0;
        long replies = 0;
        PeerTotals pksaTotals = new PeerTotals();
        for (SimulatedPksa pksa : pksas) {
            forwarded += pksa.forwarded();
            replies += pksa.replies();
            pksaTotals.add(pksa.counts(), samples);
        }
        MeterRegistry meters = server.meterRegistry();
        return new RoundTripCorrectness(sent, waits, answered, sent - answered, duplicates, acksBeforeWait,
                unmatchedWaits, appTotals.errors, appTotals.unexpected, appTotals.undecryptable, forwarded, replies,
                pksaTotals.errors, pksaTotals.unexpected, pksaTotals.undecryptable,
                appTotals.sendFailures + pksaTotals.sendFailures, appTotals.closedByServer + pksaTotals.closedByServer,
                RelayCounters.authRequests(meters, "accepted"), RelayCounters.authRequests(meters, "approved"),
                RelayCounters.total(meters, "has.errors"), RelayCounters.total(meters, "has.pok.failures"), samples);
    }

    /** Adds up the failure counters of several peers. */
    private static final class PeerTotals {
        long errors;
        long unexpected;
        long undecryptable;
        long sendFailures;
        long closedByServer;

        void add(PeerCounts counts, List<String> samples) {
            errors += counts.errors();
            unexpected += counts.unexpected();
            undecryptable += counts.undecryptable();
            sendFailures += counts.sendFailures();
            if (counts.closedBy() != null) {
                closedByServer++;
                samples.add("closed: " + counts.closedBy());
            }
            for (String sample : counts.errorSamples()) {
                if (samples.size() < 10) {
                    samples.add(sample);
                }
            }
        }
    }

    @Override
    public void close() {
        for (SimulatedApp app : apps) {
            quietly(app::close);
        }
        for (SimulatedPksa pksa : pksas) {
            quietly(pksa::close);
        }
        server.stop();
    }

    private interface Closing {
        void close() throws Exception;
    }

    private static void quietly(Closing closing) {
        try {
            closing.close();
        } catch (Exception e) {
            // the server is stopping anyway; a peer that fails to close cleanly changes no figure
        }
    }
}
