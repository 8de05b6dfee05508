package dev.hiveauth.it.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The service-mode PKSA as an operator runs it — {@code java -jar has-pksa/target/has-pksa.jar --config
 * storage.json} — in a child process the test can kill with SIGKILL: no shutdown hook, no finally block, a write
 * to the state file cut wherever it is. Its log (stderr) is read line by line so the test can act on what the
 * wallet is doing.
 */
final class PksaServiceProcess implements AutoCloseable {
    /** Where the reactor built the jar; failsafe runs in this module's directory. */
    static final Path JAR = Path.of("..", "has-pksa", "target", "has-pksa.jar");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> lines = new ArrayList<>(); // guarded by itself
    private final Thread reader;

    private PksaServiceProcess(Path config) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build has-pksa first "
                    + "(mvn -pl has-integration-tests -am verify builds it)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            // C1 only: the wallet starts several times per test and never runs long enough for C2 to pay off
            process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", JAR.toString(),
                    "--config", config.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + JAR, e);
        }
        reader = new Thread(this::readLog, "pksa-" + process.pid() + "-log");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the wallet on {@code config} (a storage.json) and waits until the relay registered {@code account}. */
    static PksaServiceProcess start(Path config, String account) {
        PksaServiceProcess wallet = new PksaServiceProcess(config);
        wallet.awaitLine(line -> line.endsWith(": " + account + " registered"), account + " registered");
        return wallet;
    }

    private void readLog() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Waits for a log line matching {@code wanted} (counting those already there). */
    void awaitLine(Predicate<String> wanted, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (lines) {
            while (lines.stream().noneMatch(wanted)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && lines.stream().noneMatch(wanted)) {
                    throw new AssertionError("the wallet did not log " + what + (process.isAlive() ? " in time" : ": it exited")
                            + "; its log:\n" + String.join("\n", lines));
                }
                try {
                    lines.wait(Math.min(100, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** SIGKILL, and wait until the process is really gone (again: a no-op). */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the killed wallet did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
