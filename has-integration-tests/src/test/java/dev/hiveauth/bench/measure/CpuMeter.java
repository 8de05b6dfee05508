package dev.hiveauth.bench.measure;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU spent by this JVM over a window: the whole process (com.sun.management's process CPU time, which
 * counts JIT and GC threads too), each group of like-named threads (so the server's threads and the
 * simulated peers' threads can be told apart), and the garbage collectors.
 */
public final class CpuMeter {
    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    /**
     * Who runs on which threads, by the names Grizzly and Tyrus 2.2 give them: the server's HttpServer
     * transport calls its workers Grizzly-worker(n) (the relay runs there), the Tyrus client's shared transport
     * calls its workers Grizzly(n) (the simulated APPs and PKSAs run there).
     */
    private static final String SERVER = "server: ";
    private static final String PEERS = "peers: ";
    private static final Map<String, String> ROLES = Map.of(
            "Grizzly-worker(#)", SERVER + "Grizzly-worker(#)",
            "grizzly-nio-kernel(#) SelectorRunner", SERVER + "grizzly-nio-kernel(#) SelectorRunner",
            "has-sweeper", SERVER + "has-sweeper",
            "Grizzly(#)", PEERS + "Grizzly(#)",
            "Grizzly(#) SelectorRunner", PEERS + "Grizzly(#) SelectorRunner",
            "tyrus-#-thread-#", PEERS + "tyrus-#-thread-#",
            "bench-rate-sender", PEERS + "bench-rate-sender");
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final long wallNanos = System.nanoTime();
    private final long processCpuNanos = processCpuNanos();
    private final Map<Long, Long> threadCpuNanos = threadCpuNanos();
    private final long gcCount;
    private final long gcMillis;
    private final long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();

    public CpuMeter() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        gcCount = count;
        gcMillis = millis;
    }

    /** What was spent since this meter was made. */
    public CpuUse used() {
        CpuMeter end = new CpuMeter();
        double wall = (end.wallNanos - wallNanos) / 1e9;
        double cpu = (end.processCpuNanos - processCpuNanos) / 1e9;
        Map<String, Double> groups = new HashMap<>();
        double javaThreads = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Map.Entry<Long, Long> thread : end.threadCpuNanos.entrySet()) {
            long before = threadCpuNanos.getOrDefault(thread.getKey(), 0L);
            ThreadInfo info = threads.getThreadInfo(thread.getKey());
            if (info != null && thread.getValue() > before) {
                double seconds = (thread.getValue() - before) / 1e9;
                javaThreads += seconds;
                groups.merge(group(info.getThreadName()), seconds, Double::sum);
            }
        }
        // The collectors and JIT compilers are not Java threads: what the process spent beyond its Java threads.
        groups.put("JVM: GC, JIT and other native threads", Math.max(0, cpu - javaThreads));
        double server = groups.entrySet().stream().filter(g -> g.getKey().startsWith(SERVER))
                .mapToDouble(Map.Entry::getValue).sum();
        double peers = groups.entrySet().stream().filter(g -> g.getKey().startsWith(PEERS))
                .mapToDouble(Map.Entry::getValue).sum();
        Map<String, Double> coresByGroup = new LinkedHashMap<>();
        groups.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(group -> group.getValue() / wall >= 0.005)
                .forEach(group -> coresByGroup.put(group.getKey(), round(group.getValue() / wall)));
        return new CpuUse(round(wall), round(cpu), round(cpu / wall), CORES, round(cpu / wall / CORES),
                round(server / wall), round(peers / wall), end.gcCount - gcCount, end.gcMillis - gcMillis,
                end.jitMillis - jitMillis, coresByGroup);
    }

    /** "Grizzly-worker(3)" and "Grizzly-worker(7)" are one group, labelled with its role when known. */
    static String group(String threadName) {
        String folded = NUMBERS.matcher(threadName).replaceAll("#");
        return ROLES.getOrDefault(folded, folded);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<Long, Long> threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * CPU over a window.
     *
     * @param wallSeconds length of the window
     * @param cpuSeconds process CPU time in it
     * @param coresUsed cpuSeconds / wallSeconds
     * @param cores processors available to the JVM
     * @param machineShare coresUsed / cores
     * @param serverCores cores used by the server's own threads (GC and JIT not included)
     * @param peerCores cores used by the simulated APPs' and PKSAs' threads
     * @param gcCollections collections in the window
     * @param gcMillis time the collectors report for them
     * @param jitMillis time the JIT compilers spent in the window (large: the warm-up was too short)
     * @param coresByThreadGroup cores used by each group of threads (at least 0.005), busiest first: "server:"
     *     the relay's threads, "peers:" the simulated APPs' and PKSAs', "JVM:" the rest of the process
     */
    public record CpuUse(double wallSeconds, double cpuSeconds, double coresUsed, int cores, double machineShare,
                         double serverCores, double peerCores, long gcCollections, long gcMillis, long jitMillis,
                         Map<String, Double> coresByThreadGroup) {
    }
}
