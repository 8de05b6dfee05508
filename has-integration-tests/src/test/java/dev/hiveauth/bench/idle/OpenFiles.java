package dev.hiveauth.bench.idle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's open-files limit, which caps how many sockets it can hold (Linux's /proc/PID/limits). */
final class OpenFiles {
    private OpenFiles() {
    }

    /** "soft/hard" from a limits file, e.g. "20000/20000", or "unknown". */
    static String limitOf(String limitsFile) {
        try {
            for (String line : Files.readAllLines(Path.of(limitsFile))) {
                if (line.startsWith("Max open files")) {
                    String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                    return fields[0] + "/" + fields[1];
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    static String ofThisProcess() {
        return limitOf("/proc/self/limits");
    }
}
