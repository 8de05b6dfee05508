package dev.hiveauth.bench.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time as Linux's /proc counts it, in clock ticks turned into nanoseconds: of one process, whatever it runs
 * (a JVM's GC and JIT threads, Node's libuv threads included), and of the whole machine.
 */
final class ProcCpu {
    static final long NANOS_PER_TICK = 1_000_000_000L / clockTicksPerSecond();

    private ProcCpu() {
    }

    /** utime + stime of process {@code pid}, every thread of it. */
    static long processNanos(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // After the command name, which may hold spaces and parentheses: field 3 (state) onwards.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }

    /** Time every core of the machine spent busy (anything but idle and waiting for I/O), all processes. */
    static long machineBusyNanos() {
        String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal (guest time is counted in user already)
        long busy = 0;
        for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(cpu[field]);
        }
        return busy * NANOS_PER_TICK;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (the external phase needs Linux's /proc)", e);
        }
    }

    /** USER_HZ: 100 on every Linux in use, asked of getconf all the same. */
    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(answer) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
