package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.MachineInfo;
import dev.hiveauth.bench.measure.CpuMeter;
import dev.hiveauth.bench.measure.HotspotProfiler;
import dev.hiveauth.bench.measure.ServerLatencyProbe;
import dev.hiveauth.server.HasServer;

/** The measurements taken around a window: CPU, the server's latency timer, stack samples, the load average. */
final class MeasuredWindow {
    private final CpuMeter cpu = new CpuMeter();
    private final ServerLatencyProbe probe;
    private final ServerLatencyProbe.Mark mark;
    private final HotspotProfiler profiler;
    private final double loadAverageBefore = MachineInfo.currentLoadAverage();

    private MeasuredWindow(HasServer server, boolean profile) {
        this.probe = new ServerLatencyProbe(server.meterRegistry());
        this.mark = probe.mark();
        this.profiler = profile ? HotspotProfiler.start() : null;
    }

    static MeasuredWindow open(HasServer server, boolean profile) {
        return new MeasuredWindow(server, profile);
    }

    WindowFigures close() {
        CpuMeter.CpuUse used = cpu.used();
        ServerLatencyProbe.ServerLatency latency = probe.since(mark);
        HotspotProfiler.Hotspots hotspots = profiler == null ? null : profiler.stop();
        return new WindowFigures(used, latency, hotspots, loadAverageBefore, MachineInfo.currentLoadAverage());
    }

    record WindowFigures(CpuMeter.CpuUse cpu, ServerLatencyProbe.ServerLatency serverLatency,
                         HotspotProfiler.Hotspots hotspots, double loadAverageBefore, double loadAverageAfter) {
    }
}
