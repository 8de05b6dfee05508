package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.MachineInfo;
import dev.hiveauth.bench.measure.CpuMeter;
import dev.hiveauth.bench.measure.ServerLatencyProbe;
import dev.hiveauth.server.HasServer;

/** The measurements taken around a window: CPU, the server's latency timer, the load average. */
final class MeasuredWindow {
    private final CpuMeter cpu = new CpuMeter();
    private final ServerLatencyProbe probe;
    private final ServerLatencyProbe.Mark mark;
    private final double loadAverageBefore = MachineInfo.currentLoadAverage();

    private MeasuredWindow(HasServer server) {
        this.probe = new ServerLatencyProbe(server.meterRegistry());
        this.mark = probe.mark();
    }

    static MeasuredWindow open(HasServer server) {
        return new MeasuredWindow(server);
    }

    WindowFigures close() {
        CpuMeter.CpuUse used = cpu.used();
        ServerLatencyProbe.ServerLatency latency = probe.since(mark);
        return new WindowFigures(used, latency, loadAverageBefore, MachineInfo.currentLoadAverage());
    }

    record WindowFigures(CpuMeter.CpuUse cpu, ServerLatencyProbe.ServerLatency serverLatency,
                         double loadAverageBefore, double loadAverageAfter) {
    }
}
