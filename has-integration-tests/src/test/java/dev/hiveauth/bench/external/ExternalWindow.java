package dev.hiveauth.bench.external;

import dev.hiveauth.bench.MachineInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU spent over a measured window by the relay's processes (one, or a cluster's nodes and its Redis), by the
 * generator's processes (from /proc, so a JVM's and Node's alike), and by everything else on the machine (other
 * people's builds).
 */
final class ExternalWindow {
    private final Map<String, Long> relayPids;
    private final LoadGenerator generator;
    private final long startNanos = System.nanoTime();
    private final Map<String, Long> relayCpuNanos;
    private final Map<String, Long> generatorCpuNanos;
    private final long machineBusyNanos = ProcCpu.machineBusyNanos();
    private final double loadAverageBefore = MachineInfo.currentLoadAverage();

    private ExternalWindow(Map<String, Long> relayPids, LoadGenerator generator) {
        this.relayPids = new LinkedHashMap<>(relayPids); // in the caller's order, as the report lists them
        this.generator = generator;
        this.relayCpuNanos = cpuNanos(relayPids);
        this.generatorCpuNanos = generator.cpuNanos();
    }

    /** Opens the window on the relay process {@code relayPid}. */
    static ExternalWindow open(long relayPid, LoadGenerator generator) {
        return open(Map.of("relay", relayPid), generator);
    }

    /** Opens the window on the relay's processes, by name. */
    static ExternalWindow open(Map<String, Long> relayPids, LoadGenerator generator) {
        return new ExternalWindow(relayPids, generator);
    }

    private static Map<String, Long> cpuNanos(Map<String, Long> pids) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, ProcCpu.processNanos(pid)));
        return cpu;
    }

    Figures close() {
        Map<String, Long> relayNow = cpuNanos(relayPids);
        Map<String, Long> generatorNow = generator.cpuNanos();
        double machineSeconds = (ProcCpu.machineBusyNanos() - machineBusyNanos) / 1e9;
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> relaySeconds = secondsSince(relayCpuNanos, relayNow);
        Map<String, Double> generatorSeconds = secondsSince(generatorCpuNanos, generatorNow);
        double relayTotal = relaySeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        double generatorTotal = generatorSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> generatorCores = new LinkedHashMap<>();
        generatorSeconds.forEach((name, seconds) -> generatorCores.put(name, Math.round(seconds / wall * 1000) / 1000.0));
        double others = machineSeconds - relayTotal - generatorTotal;
        return new Figures(wall, relayTotal, relaySeconds, relayTotal / wall, generatorTotal / wall, generatorCores,
                Math.max(0, others / wall), loadAverageBefore, MachineInfo.currentLoadAverage());
    }

    private static Map<String, Double> secondsSince(Map<String, Long> before, Map<String, Long> now) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        now.forEach((name, nanos) -> seconds.put(name, (nanos - before.getOrDefault(name, 0L)) / 1e9));
        return seconds;
    }

    /**
     * @param relayCpuSeconds the relay's processes' utime + stime over the window, all of them
     * @param relayProcessCpuSeconds the same per process, by name
     * @param relayCores relayCpuSeconds / wallSeconds
     * @param generatorCores the generator's CPU / wallSeconds, all its processes: the simulated APPs and wallets
     * @param generatorProcessCores the same, per process
     * @param otherCores what the rest of the machine used (busy time less relay and generator): other work
     */
    record Figures(double wallSeconds, double relayCpuSeconds, Map<String, Double> relayProcessCpuSeconds,
                   double relayCores, double generatorCores, Map<String, Double> generatorProcessCores,
                   double otherCores, double loadAverageBefore, double loadAverageAfter) {
    }
}
