package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.measure.CpuMeter.CpuUse;
import dev.hiveauth.bench.measure.HotspotProfiler.Hotspots;
import dev.hiveauth.bench.measure.LatencySummary;
import dev.hiveauth.bench.measure.ServerLatencyProbe.ServerLatency;
import java.time.Duration;

/**
 * The figures of one round-trip phase.
 *
 * @param phase "saturation" (closed loop) or "fixedRate" (open loop)
 * @param load what was offered: requests in flight per APP, or requests per second
 * @param roundTripsInWindow auth_acks that reached their APP inside the window
 * @param roundTripsPerSecond roundTripsInWindow / windowSeconds
 * @param clientLatency auth_req → auth_ack as the APPs saw it: from the actual send (closed loop) or from the
 *     scheduled send (open loop, so a stalled sender cannot hide a stall), for requests answered (closed loop)
 *     or scheduled (open loop) in the window
 * @param serverLatency the server's {@code has.relay.latency} per relayed frame (two per round trip)
 * @param serverCpuMsPerRoundTrip CPU the server's threads spent per round trip answered in the window (GC and
 *     JIT not included): what the relay would cost with its peers on other machines
 * @param maxSendLagMs open loop: how late the sender got behind its schedule at worst (0 for closed loop)
 * @param hotspots stack samples of a second window right after the measured one, same load, when profiling was
 *     on (starting JFR sets the JIT recompiling for many seconds, so it never runs in the measured window)
 * @param correctness counts over the whole phase, warm-up and drain included
 */
public record PhaseResult(String phase, String load, double warmupSeconds, double windowSeconds,
                          long roundTripsInWindow, double roundTripsPerSecond, LatencySummary clientLatency,
                          ServerLatency serverLatency, CpuUse cpu, double serverCpuMsPerRoundTrip,
                          double maxSendLagMs, double loadAverageBefore, double loadAverageAfter, Hotspots hotspots,
                          RoundTripCorrectness correctness) {

    static PhaseResult of(String phase, String load, Duration warmup, Duration window, long answeredInWindow,
                          LatencySummary clientLatency, MeasuredWindow.WindowFigures figures, long maxSendLagNanos,
                          Hotspots hotspots, RoundTripCorrectness correctness) {
        double seconds = window.toNanos() / 1e9;
        CpuUse cpu = figures.cpu();
        double serverCpuMs = answeredInWindow == 0 ? 0 : cpu.serverCores() * cpu.wallSeconds() * 1e3 / answeredInWindow;
        return new PhaseResult(phase, load, warmup.toMillis() / 1e3, seconds, answeredInWindow,
                Math.round(answeredInWindow / seconds * 10) / 10.0, clientLatency, figures.serverLatency(), cpu,
                Math.round(serverCpuMs * 1e3) / 1e3, Math.round(maxSendLagNanos / 1e3) / 1e3,
                figures.loadAverageBefore(), figures.loadAverageAfter(), hotspots, correctness);
    }
}
