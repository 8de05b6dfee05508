package dev.hiveauth.bench.idle;

import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.HeapBudget;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.AddressLimits;
import dev.hiveauth.server.relay.Limits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The server of the idle-connection benchmark, alone in its own JVM so its heap is measured alone: the same
 * {@link HasServer} the runnable jar starts (default limits, except that it admits the connections the benchmark
 * opens, all from one address: its only argument; an empty account table, since idle peers never register). It prints the jar's ready line, then answers commands on stdin, one line each:
 * {@code count} → {@code connections=N}; {@code heap} → a full GC, then
 * {@code used=… committed=… max=… direct=… rss=… threads=… connections=…} (bytes); {@code exit} → stops.
 */
public final class IdleServerProcess {
    private IdleServerProcess() {
    }

    public static void main(String[] args) throws IOException {
        int connections = Math.max(1, Integer.parseInt(args[0]));
        // The defaults cap connections by heap and one address at a tenth of them; the benchmark is one address.
        Limits limits = HeapBudget.limits(HeapBudget.maxHeap()).withMaxConnections(connections);
        HasServer server = HasServer.builder()
                .host("127.0.0.1")
                .port(0)
                .accountKeys(AccountKeys.of(Map.of()))
                .limits(limits)
                .addressLimits(AddressLimits.tenthOf(limits).withConnections(connections))
                .build()
                .start();
        System.out.println("HAS server listening on " + server.uri());
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            switch (line.trim()) {
                case "count" -> reply("connections=" + server.connectionCount());
                case "heap" -> reply(heap(server));
                case "exit" -> {
                    server.stop();
                    System.exit(0);
                }
                default -> reply("error=unknown-command");
            }
        }
        server.stop(); // stdin closed: the harness is gone
    }

    private static String heap(HasServer server) {
        // Two collections: the first may leave objects whose finalization or reference processing the second clears.
        System.gc();
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
        return "used=" + heap.getUsed() + " committed=" + heap.getCommitted() + " max=" + heap.getMax()
                + " direct=" + direct + " rss=" + residentBytes()
                + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount()
                + " connections=" + server.connectionCount();
    }

    /** Resident set size from /proc (Linux); -1 elsewhere. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the heap figures stand without it
        }
        return -1;
    }

    private static void reply(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
