package dev.hiveauth.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The machine and JVM a run measured, so figures from different machines are never compared blindly.
 *
 * @param jvmArguments the harness JVM's options, bench.* properties aside
 * @param loadAverage the 1-minute load average when the run started (other builds show up here)
 */
public record MachineInfo(int cores, long memoryBytes, String os, String javaVersion, String vm,
                          List<String> jvmArguments, long maxHeapBytes, List<String> garbageCollectors,
                          double loadAverage) {

    static MachineInfo now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")",
                // the bench.* properties are listed with the settings
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(argument -> !argument.startsWith("-Dbench."))
                        .toList(),
                Runtime.getRuntime().maxMemory(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                currentLoadAverage());
    }

    /** The 1-minute load average, two decimals. */
    public static double currentLoadAverage() {
        return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }
}
