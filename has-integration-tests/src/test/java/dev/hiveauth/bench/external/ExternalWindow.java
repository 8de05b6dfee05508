package dev.hiveauth.bench.external;

import dev.hiveauth.bench.MachineInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU spent over a measured window by the relay's process and by the generator's processes (from /proc, so a
 * JVM's and Node's alike), and by everything else on the machine (other people's builds).
 */
final class ExternalWindow {
    private final long relayPid;
    private final LoadGenerator generator;
    private final long startNanos = System.nanoTime();
    private final long relayCpuNanos;
    private final Map<String, Long> generatorCpuNanos;
    private final long machineBusyNanos = ProcCpu.machineBusyNanos();
    private final double loadAverageBefore = MachineInfo.currentLoadAverage();

    private ExternalWindow(long relayPid, LoadGenerator generator) {
        this.relayPid = relayPid;
        this.generator = generator;
        this.relayCpuNanos = ProcCpu.processNanos(relayPid);
        this.generatorCpuNanos = generator.cpuNanos();
    }

    static ExternalWindow open(long relayPid, LoadGenerator generator) {
        return new ExternalWindow(relayPid, generator);
    }

    Figures close() {
        double relaySeconds = (ProcCpu.processNanos(relayPid) - relayCpuNanos) / 1e9;
        Map<String, Long> generatorNow = generator.cpuNanos();
        double machineSeconds = (ProcCpu.machineBusyNanos() - machineBusyNanos) / 1e9;
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> generatorCores = new LinkedHashMap<>();
        double generatorSeconds = 0;
        for (Map.Entry<String, Long> process : generatorNow.entrySet()) {
            double seconds = (process.getValue() - generatorCpuNanos.getOrDefault(process.getKey(), 0L)) / 1e9;
            generatorCores.put(process.getKey(), Math.round(seconds / wall * 1000) / 1000.0);
            generatorSeconds += seconds;
        }
        double others = machineSeconds - relaySeconds - generatorSeconds;
        return new Figures(wall, relaySeconds, relaySeconds / wall, generatorSeconds / wall, generatorCores,
                Math.max(0, others / wall), loadAverageBefore, MachineInfo.currentLoadAverage());
    }

    /**
     * @param relayCpuSeconds the relay process's utime + stime over the window
     * @param relayCores relayCpuSeconds / wallSeconds
     * @param generatorCores the generator's CPU / wallSeconds, all its processes: the simulated APPs and wallets
     * @param generatorProcessCores the same, per process
     * @param otherCores what the rest of the machine used (busy time less relay and generator): other work
     */
    record Figures(double wallSeconds, double relayCpuSeconds, double relayCores, double generatorCores,
                   Map<String, Double> generatorProcessCores, double otherCores, double loadAverageBefore,
                   double loadAverageAfter) {
    }
}
