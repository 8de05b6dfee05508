package dev.hiveauth.bench.users;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.bench.BenchSettings;
import dev.hiveauth.bench.MachineInfo;
import dev.hiveauth.bench.Pacing;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many users per socket, as a backend runs HiveAuth: {@code userLogins} logins submitted at once, round robin over
 * {@code userClients} real {@link HasClient}s and {@code userAccounts} accounts, all answered by one real service
 * wallet on one socket, through a relay at its default limits. Unlike the round-trip phases nothing is simulated
 * and no limit is lifted: the clients' flow control must keep every request within what the relay allows. Runs
 * once per {@link UserFlow}, each on a fresh relay and wallet so the relay's counters are the run's own.
 */
public final class UsersPhase {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(10);

    private UsersPhase() {
    }

    public static List<UsersResult> run(BenchSettings settings) throws Exception {
        List<UsersResult> results = new ArrayList<>();
        for (UserFlow flow : settings.userFlows()) {
            results.add(run(settings, flow));
        }
        return results;
    }

    private static UsersResult run(BenchSettings settings, UserFlow flow) throws Exception {
        try (ServiceWalletRelay relay = ServiceWalletRelay.start(settings.userAccounts(), settings.serverTimeout())) {
            double loadAverageBefore = MachineInfo.currentLoadAverage();
            int threadsBefore = THREADS.getThreadCount();
            THREADS.resetPeakThreadCount();
            List<HasClient> clients = new ArrayList<>();
            try {
                for (int c = 0; c < settings.userClients(); c++) {
                    clients.add(HasClient.builder().server(relay.url()).authKeySecret(ServiceWalletRelay.SECRET)
                            .flowControl(flow.flowControl()).build());
                }
                LoginTally tally = new LoginTally();
                long firstSubmit = System.nanoTime();
                for (int i = 0; i < settings.userLogins(); i++) {
                    AuthRequest login = AuthRequest.newBuilder(relay.account(i)).app("bench").build();
                    long submitted = System.nanoTime();
                    tally.track(clients.get(i % clients.size()).authenticate(login), submitted);
                }
                long lastSubmit = System.nanoTime();
                // Every login ends by itself: approved, or failed by the client once the relay's timeout passed.
                Duration longest = settings.serverTimeout().plus(settings.drainTimeout());
                int connectionsPeak = awaitEveryLogin(tally, settings.userLogins(), relay, longest);
                int threadsPeak = THREADS.getPeakThreadCount();
                return UsersResult.of(flow, settings.userAccounts(), clients.size(), settings.userLogins(), firstSubmit,
                        lastSubmit, tally, relay.walletAuths(), relay.settledCounts(settings.userLogins()),
                        threadsBefore, threadsPeak, connectionsPeak, loadAverageBefore,
                        MachineInfo.currentLoadAverage());
            } finally {
                clients.forEach(HasClient::close);
            }
        }
    }

    /**
     * Waits on this thread (a sampler thread of its own would count in the peak) until every login completed or
     * {@code timeout} passed, sampling the clients' sockets at the relay; returns the most seen at once.
     */
    private static int awaitEveryLogin(LoginTally tally, int logins, ServiceWalletRelay relay, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int peak = relay.clientConnections();
        while (tally.completed() < logins && System.nanoTime() < deadline) {
            Pacing.sleepUntil(System.nanoTime() + SAMPLE_EVERY.toNanos());
            peak = Math.max(peak, relay.clientConnections());
        }
        // The clients keep their sockets until closed: a run too short for the loop still shows them now.
        return Math.max(peak, relay.clientConnections());
    }
}
