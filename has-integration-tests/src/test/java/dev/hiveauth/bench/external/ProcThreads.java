package dev.hiveauth.bench.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A child process's threads as Linux's /proc counts them, which a JFR execution sample does not show: the CPU of each
 * kind of thread (its name with the numbers folded, e.g. {@code lettuce-epollEv} and {@code grizzly-nio-ker}: the
 * kernel keeps 15 characters of a name) and how often the threads were switched out, waiting for one another or for
 * I/O (voluntary) or preempted (involuntary), and how long they were ready to run but waited for a core (the
 * scheduler's {@code schedstat}: run delay, and the times a thread was put on a core). A thread that ends between two
 * readings takes its counts with it.
 */
final class ProcThreads {
    private static final Pattern NUMBERS = Pattern.compile("\\d+");

    private ProcThreads() {
    }

    /**
     * One reading: CPU nanoseconds by kind of thread; then, of every thread together, context switches, nanoseconds
     * spent ready to run while no core was free, and how many times a thread was put on a core.
     */
    record Reading(Map<String, Long> cpuNanosByKind, long contextSwitches, long runDelayNanos, long timeslices) {
    }

    static Reading read(long pid) {
        Map<String, Long> cpu = new HashMap<>();
        long switches = 0;
        long runDelay = 0;
        long slices = 0;
        for (Path task : tasks(pid)) {
            try {
                String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * ProcCpu.NANOS_PER_TICK;
                cpu.merge(NUMBERS.matcher(name).replaceAll("#"), nanos, Long::sum);
                for (String line : Files.readAllLines(task.resolve("status"), StandardCharsets.US_ASCII)) {
                    if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                        switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
                // on a core, waiting for one (ns), times put on one
                String[] schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII).trim()
                        .split(" ");
                runDelay += Long.parseLong(schedstat[1]);
                slices += Long.parseLong(schedstat[2]);
            } catch (NoSuchFileException gone) {
                // the thread ended while being read
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Reading(cpu, switches, runDelay, slices);
    }

    private static List<Path> tasks(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid, e);
        }
    }
}
