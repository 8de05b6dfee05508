package dev.hiveauth.protocol.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One redis-server command line, run as an OS process as often as it is {@link #launch() launched}: its output goes
 * to a log file (appended at each launch, so a restart's reasons stay next to the crash's), never to a pipe that
 * nobody reads and that would stall the server once full.
 */
final class RedisProcess {
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final List<String> command;
    private final Path log;
    private Process process;
    private long logSizeAtLaunch;

    RedisProcess(List<String> command, Path log) {
        this.command = List.copyOf(command);
        this.log = log;
    }

    /** Starts the command line; the process must not be running. */
    synchronized void launch() {
        if (isAlive()) {
            throw new IllegalStateException("redis-server is still running (pid " + process.pid() + ")");
        }
        try {
            logSizeAtLaunch = Files.exists(log) ? Files.size(log) : 0;
            process = startRetryingBusyText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        ExitCleanup.killAtExit(process);
    }

    /**
     * Starts the process, again if the kernel says the binary is busy: right after the extraction, another thread of
     * this JVM that forked a process of its own may still hold the file open for writing for an instant (ETXTBSY).
     */
    private Process startRetryingBusyText() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        for (int attempt = 1; ; attempt++) {
            try {
                Process started = builder.start();
                started.getOutputStream().close(); // redis-server never reads its standard input
                return started;
            } catch (IOException e) {
                boolean busy = String.valueOf(e.getMessage()).contains("error=26");
                if (!busy || attempt == 5) {
                    throw e;
                }
                sleep(Duration.ofMillis(50));
            }
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The OS process id of the current (or last) launch. */
    synchronized long pid() {
        requireLaunched();
        return process.pid();
    }

    /** The exit code of the last launch, which has ended. */
    synchronized int exitValue() {
        requireLaunched();
        return process.exitValue();
    }

    /** SIGTERM, which redis-server answers by shutting down cleanly; SIGKILL if it is still there after 10 s. */
    synchronized void terminate() {
        if (!isAlive()) {
            return;
        }
        // a stopped process keeps SIGTERM pending until it runs again
        signal("CONT");
        process.destroy();
        if (!waitForExit()) {
            kill();
        }
    }

    /** SIGKILL: the server ends at once, as in a crash (nothing is saved). */
    synchronized void kill() {
        if (!isAlive()) {
            return;
        }
        process.destroyForcibly();
        if (!waitForExit()) {
            throw new IllegalStateException("redis-server (pid " + process.pid() + ") survived SIGKILL for 10 s");
        }
    }

    /**
     * Sends {@code signal} (a name {@code kill -s} knows, e.g. STOP or CONT) to the running process. The JDK can send
     * SIGTERM and SIGKILL only, so this asks the shell's built-in {@code kill}: /bin/kill comes with procps, which a
     * minimal Debian lacks, while every POSIX system has /bin/sh.
     */
    synchronized void signal(String signal) {
        if (!isAlive()) {
            throw new IllegalStateException("redis-server is not running");
        }
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s " + signal + " " + process.pid())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -s " + signal + " " + process.pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, e);
        }
    }

    /** What the server wrote since it was last launched. */
    synchronized String outputOfThisLaunch() {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logSizeAtLaunch, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private boolean waitForExit() {
        try {
            return process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server to exit", e);
        }
    }

    private void requireLaunched() {
        if (process == null) {
            throw new IllegalStateException("redis-server was never launched");
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
