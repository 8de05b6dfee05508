package dev.hiveauth.protocol.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a test JVM takes down as it exits: every redis-server it started and did not stop, and their directories.
 * A test that fails before its {@code close()} (or a Surefire fork that is told to exit) must not leave a server
 * running on the machine for the next build to trip over.
 */
final class ExitCleanup {
    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::run, "local-redis-exit-cleanup"));
    }

    private ExitCleanup() {
    }

    /** Kills {@code process} at exit unless it ended before. */
    static void killAtExit(Process process) {
        PROCESSES.add(process);
        process.onExit().thenRun(() -> PROCESSES.remove(process));
    }

    /** Deletes {@code directory} and everything in it at exit, unless {@link #deleteNow} did first. */
    static void deleteAtExit(Path directory) {
        DIRECTORIES.add(directory);
    }

    /** Deletes {@code directory} and everything in it now. */
    static void deleteNow(Path directory) {
        DIRECTORIES.remove(directory);
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    private static void run() {
        // SIGKILL reaches a frozen (SIGSTOPped) server too, where SIGTERM would wait for a SIGCONT
        for (Process process : PROCESSES) {
            process.destroyForcibly();
        }
        for (Process process : PROCESSES) {
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (Path directory : DIRECTORIES) {
            try {
                deleteNow(directory);
            } catch (UncheckedIOException e) {
                // the JVM is going: a directory left in the temp folder is all that is lost
            }
        }
    }
}
