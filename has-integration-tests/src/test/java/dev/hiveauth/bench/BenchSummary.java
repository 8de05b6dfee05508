package dev.hiveauth.bench;

import dev.hiveauth.app.FlowControl;
import dev.hiveauth.bench.external.ExternalResult;
import dev.hiveauth.bench.external.ExternalRun;
import dev.hiveauth.bench.idle.IdleResult;
import dev.hiveauth.bench.measure.CpuMeter.CpuUse;
import dev.hiveauth.bench.measure.HotspotProfiler.Hotspots;
import dev.hiveauth.bench.measure.LatencySummary;
import dev.hiveauth.bench.measure.ServerLatencyProbe.ServerLatency;
import dev.hiveauth.bench.roundtrip.PhaseResult;
import dev.hiveauth.bench.roundtrip.RoundTripCorrectness;
import dev.hiveauth.bench.roundtrip.ServerCounts;
import dev.hiveauth.bench.users.UsersResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as a person reads it: bench-summary.txt, also printed at the end of a run. */
final class BenchSummary {
    private static final double MIB = 1024.0 * 1024.0;

    private final StringBuilder out = new StringBuilder();

    private BenchSummary() {
    }

    static String of(BenchReport report) {
        BenchSummary summary = new BenchSummary();
        summary.header(report);
        if (report.saturation() != null) {
            summary.phase("Round trips, closed loop (saturation)", report.saturation(), report);
        }
        if (report.fixedRate() != null) {
            summary.phase("Round trips, open loop (fixed rate)", report.fixedRate(), report);
        }
        if (report.users() != null) {
            summary.users(report.users());
        }
        if (report.idle() != null) {
            summary.idle(report.idle());
        }
        if (report.external() != null) {
            summary.external(report.external());
        }
        if (report.cluster() != null) {
            new ClusterSummary(summary).write(report.cluster(), report.targets());
        }
        return summary.out.toString();
    }

    private void header(BenchReport report) {
        MachineInfo m = report.machine();
        line("HiveAuth load benchmark, %s", report.generatedAt());
        line("machine: %d cores, %.1f GiB, %s; Java %s, %s", m.cores(), m.memoryBytes() / MIB / 1024, m.os(),
                m.javaVersion(), m.vm());
        line("harness JVM: %s; max heap %.0f MiB; GC %s", String.join(" ", m.jvmArguments()),
                m.maxHeapBytes() / MIB, String.join(", ", m.garbageCollectors()));
        line("load average (1 min): %.2f at start, %.2f at end (other work on the machine shows here)",
                m.loadAverage(), report.loadAverageAtEnd());
        Map<String, Object> s = report.settings();
        if (report.saturation() != null || report.fixedRate() != null) {
            line("peers: %s APPs, %s PKSAs with %s accounts each, all in this JVM with the server; replies %s; server"
                    + " timeout %s", s.get("apps"), s.get("pksas"), s.get("accountsPerPksa"), Boolean.TRUE.equals(
                    s.get("replyPok")) ? "with a pok" : "WITHOUT a pok (what-if: not the target's setup)",
                    s.get("serverTimeout"));
        }
        line("");
    }

    private void phase(String title, PhaseResult p, BenchReport report) {
        BenchReport.Targets targets = report.targets();
        line("%s: %s; %s s warm-up, %s s measured", title, p.load(), number(p.warmupSeconds()),
                number(p.windowSeconds()));
        String throughputVerdict = p.phase().equals("saturation")
                ? String.format(Locale.ROOT, "   (target >= %,.0f: %s)", targets.roundTripsPerSecond(),
                        met(p.roundTripsPerSecond() >= targets.roundTripsPerSecond()))
                : "";
        line("  round trips/s      %,.1f (%,d answered in the window)%s", p.roundTripsPerSecond(),
                p.roundTripsInWindow(), throughputVerdict);
        LatencySummary c = p.clientLatency();
        line("  client latency ms  p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (APP send%s -> auth_ack, %,d requests)",
                c.p50Ms(), c.p99Ms(), c.p999Ms(), c.maxMs(),
                p.phase().equals("fixedRate") ? " as scheduled" : "", c.count());
        ServerLatency s = p.serverLatency();
        String latencyVerdict = p.phase().equals("fixedRate")
                ? String.format(Locale.ROOT, "   (target p99 <= %.0f ms: %s)", targets.serverP99Ms(),
                        met(s.p99Ms() <= targets.serverP99Ms()))
                : "";
        line("  server latency ms  p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  mean %.3f over %,d frames%s",
                s.p50Ms(), s.p99Ms(), s.p999Ms(), s.maxMs(), s.meanMs(), s.frames(), latencyVerdict);
        line("                     (per relayed frame: auth_req -> wait+forward, auth_ack -> pok check+relay)");
        if (p.phase().equals("fixedRate")) {
            line("  sender             at worst %.2f ms behind schedule", p.maxSendLagMs());
        }
        cpu(p.cpu());
        line("  server threads     %.3f ms CPU per round trip (GC and JIT aside): about %,.0f round trips/s per core"
                + " for a server whose peers run elsewhere", p.serverCpuMsPerRoundTrip(),
                p.serverCpuMsPerRoundTrip() == 0 ? 0 : 1000 / p.serverCpuMsPerRoundTrip());
        line("  load average       %.2f -> %.2f", p.loadAverageBefore(), p.loadAverageAfter());
        correctness(p.correctness());
        if (p.hotspots() != null) {
            hotspots(p.hotspots());
        }
        line("");
    }

    private void cpu(CpuUse cpu) {
        line("  CPU                %.2f of %d cores (%.0f %%): server threads %.2f, simulated peers %.2f; GC %d"
                + " collections, %d ms; JIT %d ms", cpu.coresUsed(), cpu.cores(), cpu.machineShare() * 100,
                cpu.serverCores(), cpu.peerCores(), cpu.gcCollections(), cpu.gcMillis(), cpu.jitMillis());
        StringBuilder threads = new StringBuilder();
        cpu.coresByThreadGroup().entrySet().stream().limit(6).forEach(e -> threads.append(threads.length() == 0
                ? "" : "; ").append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%.2f", e.getValue())));
        line("  cores by thread    %s", threads);
    }

    private void correctness(RoundTripCorrectness c) {
        ServerCounts server = c.server();
        line("  correctness        %s: %,d sent, %,d auth_wait, %,d answered once, %,d unanswered, %,d duplicates,"
                + " %,d errors to APPs, %,d errors to PKSAs, %,d undecryptable; %s", c.ok() ? "OK" : "FAILED", c.sent(),
                c.waits(), c.answered(), c.unanswered(), c.duplicates(), c.errorsToApps(), c.errorsToPksas(),
                c.undecryptableAtApps() + c.undecryptableAtPksas(), server == null ? "the relay counts nothing"
                        : String.format(Locale.ROOT, "server: %,d accepted, %,d approved, %,d errors, %,d pok failures",
                        server.accepted(), server.approved(), server.errorsSent(), server.pokFailures()));
        for (String sample : c.samples()) {
            line("                     %s", sample);
        }
    }

    /** The JFR samples of one recording, indented under what they profiled. */
    void hotspots(Hotspots h) {
        line("  hotspots           JFR over a second window at the same load, %,d samples every %d ms per thread"
                + " (%% of samples)", h.samples(), h.periodMs());
        section("on the stack", h.inclusiveByActivity());
        section("self, by component", h.selfByComponent());
        section("self, top methods", h.topMethods());
        section("by thread", h.byThreadGroup());
    }

    private void section(String title, Map<String, Double> shares) {
        line("    %s:", title);
        shares.forEach((name, share) -> line("      %5.1f  %s", share, name));
    }

    private void users(List<UsersResult> runs) {
        UsersResult first = runs.get(0);
        line("Many users per socket: %,d logins at once over %d accounts, all on one service wallet (one socket),"
                + " through %d HasClient(s); the real client and wallet; relay at Limits.DEFAULT, nothing lifted",
                first.logins(), first.accounts(), first.clients());
        for (UsersResult r : runs) {
            FlowControl f = r.flowControl();
            line("  %s flow: %d connections x %.0f msgs/s (burst %d), %d in flight each, %,d queued", r.flow(),
                    f.maxConnections(), f.requestsPerSecond(), f.burst(), f.maxInFlightPerConnection(), f.maxQueued());
            line("    logins/s         %,.1f (%,d approved in %.2f s, first submit -> last result; submitting took"
                    + " %.2f s)", r.loginsPerSecond(), r.approved(), r.wallSeconds(), r.submitSeconds());
            line("    logins           %s: %,d approved (%,d distinct uuids), %,d failed %s, %,d unfinished;"
                    + " wallet stored %,d authentications", r.ok() ? "OK" : "FAILED", r.approved(),
                    r.distinctApprovals(), r.failed(), r.failures(), r.unfinished(), r.walletAuths());
            UsersResult.RelayCounts relay = r.relay();
            line("    relay counted    %,d accepted, %,d approved, %,d rejected, %,d expired, %,d error frames sent",
                    relay.accepted(), relay.approved(), relay.rejected(), relay.expired(), relay.errorsSent());
            if (relay.errorsSent() > relay.rejected()) {
                // The relay counts a request refused for rate only as an error frame; the client sends it again.
                line("                     %,d refused outside the rejected count: rate-limit refusals (or malformed"
                        + " frames) the client sent again after a pause", relay.errorsSent() - relay.rejected());
            }
            LatencySummary l = r.latency();
            line("    latency ms       p50 %.0f  p99 %.0f  max %.0f  (submit -> approved, queueing in the client"
                    + " included)", l.p50Ms(), l.p99Ms(), l.maxMs());
            line("    client sockets   %d at the relay at the peak (the wallet's aside)", r.clientConnectionsPeak());
            line("    JVM threads      %d before the clients, %d at the peak", r.threadsBefore(), r.threadsPeak());
            line("    load average     %.2f -> %.2f", r.loadAverageBefore(), r.loadAverageAfter());
            for (String sample : r.samples()) {
                line("                     %s", sample);
            }
        }
        line("");
    }

    private void idle(IdleResult r) {
        line("Idle connections: server alone in a child JVM (%s); open files: child %s, harness %s",
                String.join(" ", r.childJvmOptions()), r.childOpenFiles(), r.harnessOpenFiles());
        line("  opened             %,d of %,d in %.1f s (%,.0f/s)%s", r.opened(), r.requested(), r.openSeconds(),
                r.connectionsPerSecond(), r.firstFailure() == null ? "" : "; stopped: " + r.firstFailure());
        line("  heap after full GC %.1f MiB before -> %.1f MiB with them -> %.1f MiB after they closed (max %.0f MiB)",
                r.heapBaselineBytes() / MIB, r.heapWithConnectionsBytes() / MIB, r.heapAfterCloseBytes() / MIB,
                r.heapMaxBytes() / MIB);
        line("  per connection     %,d bytes of heap; resident memory +%,d bytes; direct buffers %.1f MiB in all;"
                + " %d threads", r.heapPerConnectionBytes(), r.rssPerConnectionBytes(),
                r.directBytesWithConnections() / MIB, r.threadsWithConnections());
        line("  20,000 connections %.1f MiB of heap, extrapolated   (target within 1 GiB: %s)",
                r.heapAtTargetBytes() / MIB, met(r.targetFitsIn1GiB()));
        line("                     (measured up to %,d: this sandbox caps each process at %s open files)",
                r.opened(), r.childOpenFiles());
    }

    private void external(ExternalResult r) {
        line("");
        line("The relay alone, in a process of its own (external): closed loop, %s; %s s warm-up, %s s measured;"
                + " %d round(s), each relay in a fresh process, the order reversed every other round", r.load(),
                number(r.warmupSeconds()), number(r.windowSeconds()), r.rounds());
        line("  generator: %s", r.generator());
        line("  relay CPU = the relay process's utime+stime (/proc) over the window; generator = the generator's"
                + " processes' (the simulated peers); others = the rest of the machine");
        line("  %-5s %-11s %13s %13s %7s %12s %12s %10s %7s %6s  %s", "round", "relay", "round trips/s",
                "CPU µs/trip", "cores", "client p50", "client p99", "generator", "others", "load", "correctness");
        for (ExternalRun run : r.runs()) {
            LatencySummary c = run.clientLatency();
            line("  %-5d %-11s %13.1f %13.1f %7.2f %9.2f ms %9.2f ms %10.2f %7.2f %6.2f  %s", run.round(),
                    run.server(), run.roundTripsPerSecond(), run.relayCpuMicrosPerRoundTrip(), run.relayCores(),
                    c.p50Ms(), c.p99Ms(), run.generatorCores(), run.otherCores(), run.loadAverageBefore(),
                    run.correctness().ok() ? "OK" : "FAILED " + run.correctness().samples());
        }
        for (ExternalRun run : r.runs()) {
            if (run.generatorProcessCores().size() > 1) {
                line("  generator cores by process, round %d, %s: %s", run.round(), run.server(),
                        run.generatorProcessCores());
            }
        }
        line("  medians over the rounds (ratios: median of each round's ratio to the naive relay):");
        line("  %-11s %13s %9s %13s %9s %7s %12s %12s  %s", "relay", "round trips/s", "vs node", "CPU µs/trip",
                "vs node", "cores", "client p50", "client p99", "");
        for (ExternalResult.Medians m : r.medians()) {
            line("  %-11s %13.1f %9s %13.1f %9s %7.2f %9.2f ms %9.2f ms  %s", m.server(), m.roundTripsPerSecond(),
                    ratio(m.roundTripsVsNode()), m.relayCpuMicrosPerRoundTrip(), ratio(m.cpuVsNode()), m.relayCores(),
                    m.clientP50Ms(), m.clientP99Ms(), m.description());
        }
        for (ExternalRun run : r.runs()) {
            if (run.hotspots() != null) {
                line("  %s, round %d:", run.server(), run.round());
                hotspots(run.hotspots());
            }
        }
    }

    private static String ratio(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    /** 15 rather than 15.0, 0.5 as it is. */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String met(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    /** One line of the summary, formatted as {@link String#format} does (ROOT locale). */
    void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
