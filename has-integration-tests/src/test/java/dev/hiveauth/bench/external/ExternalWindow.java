package dev.hiveauth.bench.external;

import dev.hiveauth.bench.MachineInfo;
import dev.hiveauth.bench.measure.CpuMeter;

/**
 * The CPU spent over a measured window by the relay's process (from /proc, so a JVM's and Node's alike), by this
 * JVM (the simulated peers: the load generator), and by everything else on the machine (other people's builds).
 */
final class ExternalWindow {
    private final long relayPid;
    private final long startNanos = System.nanoTime();
    private final long relayCpuNanos;
    private final long machineBusyNanos = ProcCpu.machineBusyNanos();
    private final CpuMeter generator = new CpuMeter();
    private final double loadAverageBefore = MachineInfo.currentLoadAverage();

    private ExternalWindow(long relayPid) {
        this.relayPid = relayPid;
        this.relayCpuNanos = ProcCpu.processNanos(relayPid);
    }

    static ExternalWindow open(long relayPid) {
        return new ExternalWindow(relayPid);
    }

    Figures close() {
        double relaySeconds = (ProcCpu.processNanos(relayPid) - relayCpuNanos) / 1e9;
        double machineSeconds = (ProcCpu.machineBusyNanos() - machineBusyNanos) / 1e9;
        CpuMeter.CpuUse generatorUse = generator.used();
        double wall = (System.nanoTime() - startNanos) / 1e9;
        double others = machineSeconds - relaySeconds - generatorUse.cpuSeconds();
        return new Figures(wall, relaySeconds, relaySeconds / wall, generatorUse.coresUsed(),
                Math.max(0, others / wall), loadAverageBefore, MachineInfo.currentLoadAverage());
    }

    /**
     * @param relayCpuSeconds the relay process's utime + stime over the window
     * @param relayCores relayCpuSeconds / wallSeconds
     * @param generatorCores this JVM's CPU / wallSeconds: the simulated APPs and PKSAs
     * @param otherCores what the rest of the machine used (busy time less relay and generator): other work
     */
    record Figures(double wallSeconds, double relayCpuSeconds, double relayCores, double generatorCores,
                   double otherCores, double loadAverageBefore, double loadAverageAfter) {
    }
}
