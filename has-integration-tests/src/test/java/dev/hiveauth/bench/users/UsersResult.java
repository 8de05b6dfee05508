package dev.hiveauth.bench.users;

import dev.hiveauth.app.FlowControl;
import dev.hiveauth.bench.measure.LatencySummary;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run of the users phase: a backend's logins through real {@code HasClient}s and a real service
 * wallet, against a relay at its default limits.
 *
 * @param flow {@code default} or {@code relay} ({@link UserFlow})
 * @param wallSeconds from the first login submitted to the last one completed
 * @param submitSeconds how long submitting every login took the submitting thread (each {@code authenticate}
 *     encrypts the request twice before it returns), part of wallSeconds
 * @param loginsPerSecond approved logins / wallSeconds
 * @param failures failed logins by exception class
 * @param unfinished logins with no result when the phase stopped waiting (the relay's timeout plus the drain timeout)
 * @param distinctApprovals different request uuids among the approved logins
 * @param walletAuths authentications the wallet stored: one per approved login
 * @param latency submit → approved, per login, queueing inside the client included
 * @param threadsBefore JVM threads with the relay and the wallet up, before the clients were built
 * @param threadsPeak the most JVM threads at once while the logins ran
 * @param clientConnectionsPeak the most sockets the clients held open at the relay at once (sampled every 10 ms)
 * @param samples the first few failures, verbatim
 * @param ok every login approved exactly once, by the client's, the wallet's and the relay's counts, and nothing
 *     refused, failed or expired anywhere
 */
public record UsersResult(String flow, FlowControl flowControl, int accounts, int clients, int logins,
                          double wallSeconds, double submitSeconds, double loginsPerSecond, long approved, long failed,
                          Map<String, Long> failures, long unfinished, long distinctApprovals, long walletAuths,
                          RelayCounts relay, LatencySummary latency, int threadsBefore, int threadsPeak,
                          int clientConnectionsPeak, double loadAverageBefore, double loadAverageAfter,
                          List<String> samples, boolean ok) {

    /**
     * The relay's own counts of the run's auth requests.
     *
     * @param rejected refused before reaching a wallet (a per-socket limit, a full server)
     * @param errorsSent {@code error} frames the relay sent anyone, rate-limit refusals included (those are not
     *     counted as rejected)
     */
    public record RelayCounts(long accepted, long approved, long rejected, long expired, long errorsSent) {
    }

    static UsersResult of(UserFlow flow, int accounts, int clients, int logins, long firstSubmitNanos,
                          long lastSubmitNanos, LoginTally tally, long walletAuths, RelayCounts relay,
                          int threadsBefore, int threadsPeak, int clientConnectionsPeak, double loadAverageBefore,
                          double loadAverageAfter) {
        double wallSeconds = seconds(tally.lastCompletionNanos() - firstSubmitNanos);
        long approved = tally.approved();
        double perSecond = wallSeconds == 0 ? 0 : Math.round(approved / wallSeconds * 10) / 10.0;
        boolean ok = approved == logins && tally.distinctApprovals() == logins && walletAuths == logins
                && relay.accepted() == logins && relay.approved() == logins && relay.rejected() == 0
                && relay.expired() == 0 && relay.errorsSent() == 0;
        return new UsersResult(flow.settingName(), flow.flowControl(), accounts, clients, logins, wallSeconds,
                seconds(lastSubmitNanos - firstSubmitNanos), perSecond, approved, tally.completed() - approved,
                tally.failures(), logins - tally.completed(), tally.distinctApprovals(), walletAuths, relay,
                tally.latencies().summary(), threadsBefore, threadsPeak, clientConnectionsPeak, loadAverageBefore,
                loadAverageAfter, tally.samples(), ok);
    }

    /** Milliseconds resolution is plenty for runs of seconds. */
    private static double seconds(long nanos) {
        return Math.round(Math.max(nanos, 0) / 1e6) / 1e3;
    }
}
