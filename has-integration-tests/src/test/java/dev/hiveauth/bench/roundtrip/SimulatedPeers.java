package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.transport.TyrusClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * The simulated PKSAs (registered, each account on exactly one PKSA, so each request has exactly one answer) and
 * APPs (connected) of a round-trip phase, talking to a relay wherever it runs; closing it closes them all.
 */
public final class SimulatedPeers implements AutoCloseable {
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    private final List<SimulatedPksa> pksas = new ArrayList<>();
    private final List<SimulatedApp> apps = new ArrayList<>();

    private SimulatedPeers() {
    }

    /**
     * Connects {@code pksas} PKSAs, each registering its share of {@code accounts} with proofs for
     * {@code serverKey} (and proving each reply when {@code replyPok}), then {@code apps} APPs, all to {@code relay}.
     */
    public static SimulatedPeers connect(URI relay, PublicKey serverKey, boolean replyPok, List<BenchAccount> accounts,
                                         int pksas, int apps) throws Exception {
        return connect(relay, relay, serverKey, replyPok, accounts, pksas, apps);
    }

    /**
     * As {@link #connect(URI, PublicKey, boolean, List, int, int)}, the APPs to {@code appRelay} and the PKSAs to
     * {@code pksaRelay}: two nodes of a cluster, so that every request and every reply crosses from one to the other.
     */
    public static SimulatedPeers connect(URI appRelay, URI pksaRelay, PublicKey serverKey, boolean replyPok,
                                         List<BenchAccount> accounts, int pksas, int apps) throws Exception {
        // Tyrus's own scheduler would take a thread hop for every message (see SessionScheduler).
        ClientManager client = new TyrusClient();
        // Without this, Tyrus gives every session its own transport with three threads of its own.
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        SimulatedPeers peers = new SimulatedPeers();
        try {
            int perPksa = accounts.size() / pksas;
            for (int p = 0; p < pksas; p++) {
                int to = p == pksas - 1 ? accounts.size() : (p + 1) * perPksa;
                peers.pksas.add(SimulatedPksa.connect(client, pksaRelay, serverKey, replyPok,
                        accounts.subList(p * perPksa, to), SETUP_TIMEOUT));
            }
            for (int a = 0; a < apps; a++) {
                // Each APP starts on a different account, so the accounts (and PKSAs) share the load evenly.
                List<BenchAccount> rotated = new ArrayList<>(accounts.subList(a % accounts.size(), accounts.size()));
                rotated.addAll(accounts.subList(0, a % accounts.size()));
                peers.apps.add(SimulatedApp.connect(client, appRelay, rotated, SETUP_TIMEOUT));
            }
        } catch (Exception | Error e) {
            peers.close();
            throw e;
        }
        return peers;
    }

    public List<SimulatedApp> apps() {
        return apps;
    }

    /** Requests sent and not yet answered, over all APPs. */
    public long outstanding() {
        return apps.stream().mapToLong(SimulatedApp::outstanding).sum();
    }

    /** Every counter of the phase from the peers' side, and {@code server}'s (null: the relay counts nothing). */
    public RoundTripCorrectness correctness(ServerCounts server) {
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
        return new RoundTripCorrectness(sent, waits, answered, sent - answered, duplicates, acksBeforeWait,
                unmatchedWaits, appTotals.errors, appTotals.unexpected, appTotals.undecryptable, forwarded, replies,
                pksaTotals.errors, pksaTotals.unexpected, pksaTotals.undecryptable,
                appTotals.sendFailures + pksaTotals.sendFailures, appTotals.closedByServer + pksaTotals.closedByServer,
                server, samples);
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
    }

    private interface Closing {
        void close() throws Exception;
    }

    private static void quietly(Closing closing) {
        try {
            closing.close();
        } catch (Exception e) {
            // the phase is over; a peer that fails to close cleanly changes no figure
        }
    }
}
