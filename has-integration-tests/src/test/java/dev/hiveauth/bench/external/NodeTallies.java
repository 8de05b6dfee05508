package dev.hiveauth.bench.external;

import dev.hiveauth.bench.roundtrip.RoundTripCorrectness;
import dev.hiveauth.bench.roundtrip.ServerCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Node generator's processes' tallies added up into the verdict the JVM generator gives, by the same rules. */
final class NodeTallies {
    private static final int SAMPLES = 10;

    private long errors;
    private long unexpected;
    private long undecryptable;
    private long sendFailures;
    private long closedByServer;
    private final List<String> samples;

    private NodeTallies(List<String> samples) {
        this.samples = samples;
    }

    /**
     * Every request of the run answered exactly once, correctly, by the APPs' and wallets' counts and {@code server}'s
     * (null: the relay counts nothing). A process that sent no tally counts as an unexpected failure of its side.
     */
    static RoundTripCorrectness judge(List<NodePeer> apps, List<NodePeer> wallets, Map<NodePeer, NodeTally> tallies,
                                      ServerCounts server) {
        List<String> samples = new ArrayList<>();
        NodeTallies appSide = new NodeTallies(samples);
        long sent = 0;
        long waits = 0;
        long answered = 0;
        long duplicates = 0;
        long acksBeforeWait = 0;
        long unmatchedWaits = 0;
        for (NodePeer app : apps) {
            NodeTally tally = tallies.get(app);
            if (appSide.add(app, tally)) {
                sent += tally.sent();
                waits += tally.waits();
                answered += tally.answered();
                duplicates += tally.duplicates();
                acksBeforeWait += tally.acksBeforeWait();
                unmatchedWaits += tally.unmatchedWaits();
            }
        }
        NodeTallies walletSide = new NodeTallies(samples);
        long forwarded = 0;
        long replies = 0;
        for (NodePeer wallet : wallets) {
            NodeTally tally = tallies.get(wallet);
            if (walletSide.add(wallet, tally)) {
                forwarded += tally.forwarded();
                replies += tally.replies();
            }
        }
        return new RoundTripCorrectness(sent, waits, answered, sent - answered, duplicates, acksBeforeWait,
                unmatchedWaits, appSide.errors, appSide.unexpected, appSide.undecryptable, forwarded, replies,
                walletSide.errors, walletSide.unexpected, walletSide.undecryptable,
                appSide.sendFailures + walletSide.sendFailures, appSide.closedByServer + walletSide.closedByServer,
                server, samples);
    }

    /** Adds one process's failure counters; returns false when it sent no tally. */
    private boolean add(NodePeer peer, NodeTally tally) {
        String name = peer.name();
        if (tally == null) {
            unexpected++;
            sample(name + ": no tally (" + (peer.unreadable() != null ? "unreadable output: " + peer.unreadable()
                    : "the process ended or did not report in time; see its stderr log") + ")");
            return false;
        }
        errors += tally.errors();
        unexpected += tally.unexpected();
        undecryptable += tally.undecryptable();
        sendFailures += tally.sendFailures();
        if (tally.closedBy() != null) {
            closedByServer++;
            sample(name + " closed: " + tally.closedBy());
        }
        for (String sample : tally.samples()) {
            sample(name + ": " + sample);
        }
        return true;
    }

    private void sample(String text) {
        if (samples.size() < SAMPLES) {
            samples.add(text);
        }
    }
}
