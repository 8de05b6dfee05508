package dev.hiveauth.it.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The runnable jar as an operator runs it on a modest host: a child JVM with {@code -Xmx256m} and every memory cap at
 * its default (derived from that heap), its log in a file, its GC log beside it, its metrics on HTTP. What the hostile
 * suite reads from outside, as an operator would: the heap ({@code jvm_memory_used_bytes}) after a GC it asks for with
 * {@code jcmd}, the peaks in the GC log, the log's size, the metrics.
 */
final class ChildRelay implements AutoCloseable {
    static final String HEAP = "256m";
    private static final Path JAR = Path.of(System.getProperty("has.server.jar", "../has-server/target/has-server.jar"));
    private static final Pattern READY = Pattern.compile("HAS server listening on (ws://\\S+)");
    /** A GC log line's "before->after(capacity)" in MiB, as every collector of JDK 17 prints it. */
    private static final Pattern GC_SIZES = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Process process;
    private final Path log;
    private final Path gcLog;
    private final URI uri;
    private final URI metrics;
    private final HttpClient http = HttpClient.newHttpClient();

    private ChildRelay(Process process, Path log, Path gcLog, URI uri, URI metrics) {
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
        this.uri = uri;
        this.metrics = metrics;
    }

    /**
     * Starts the jar in {@code dir}, looking accounts up on {@code hiveNode}. Requests expire after {@code timeout}
     * (the {@code --timeout} option) so that what an attack left waiting is gone within the test; every other setting
     * is the default.
     */
    static ChildRelay start(Path dir, URI hiveNode, Duration timeout) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build has-server first "
                    + "(mvn -B verify builds it before this module's integration tests)");
        }
        dir = dir.toAbsolutePath();
        Path log = dir.resolve("relay.log");
        Path gcLog = dir.resolve("gc.log");
        Path stdout = dir.resolve("stdout.log");
        int httpPort = freePort();
        List<String> command = new ArrayList<>(List.of(javaTool("java"), "-Xmx" + HEAP, "-Xlog:gc:file=" + gcLog,
                "-jar", JAR.toAbsolutePath().toString(),
                "--host", "127.0.0.1", "--port", "0", "--http-port", Integer.toString(httpPort),
                "--hive-api", hiveNode.toString(), "--key-file", dir.resolve("has.key").toString(),
                "--timeout", Long.toString(timeout.toSeconds())));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
        try {
            String ready = Awaitility.await("the relay's ready line").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> readyLine(stdout, process, log), line -> line != null);
            Matcher matcher = READY.matcher(ready);
            if (!matcher.find()) {
                throw new IllegalStateException("the relay printed " + ready);
            }
            return new ChildRelay(process, log, gcLog, URI.create(matcher.group(1)),
                    URI.create("http://127.0.0.1:" + httpPort + "/metrics"));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String readyLine(Path stdout, Process process, Path log) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the relay exited with " + process.exitValue() + ": " + tail(log, 0));
        }
        List<String> lines = Files.readAllLines(stdout);
        return lines.isEmpty() ? null : lines.get(0);
    }

    private static String javaTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI uri() {
        return uri;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The sum of every sample of {@code name} whose labels contain {@code labels} (e.g. {@code reason="ping_flood"}). */
    double metric(String name, String labels) {
        return metrics().sum(name, labels);
    }

    /** Every sample /metrics shows now. */
    Metrics metrics() {
        return new Metrics(scrape());
    }

    /** One scrape of /metrics, in Prometheus's text format. */
    record Metrics(String text) {
        double sum(String name, String labels) {
            double sum = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                    int space = line.lastIndexOf(' ');
                    if (line.substring(0, space).contains(labels)) {
                        sum += Double.parseDouble(line.substring(space + 1));
                    }
                }
            }
            return sum;
        }
    }

    private String scrape() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the relay's /metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("the relay's /metrics did not answer (alive: " + process.isAlive() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Heap in use right after a full GC the relay is asked for, in bytes. */
    long heapAfterGc() {
        try {
            Process gc = new ProcessBuilder(javaTool("jcmd"), Long.toString(process.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
                throw new IllegalStateException("jcmd GC.run failed for the relay (pid " + process.pid() + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return (long) metric("jvm_memory_used_bytes", "area=\"heap\"");
    }

    /** Where the GC log ends now: {@link #heapPeaks(long)} reads what comes after. */
    long gcLogSize() {
        return size(gcLog);
    }

    /**
     * The highest heap occupancy the collector found since {@code gcLogOffset}, garbage included (before each
     * collection), in MiB.
     */
    long peakOccupiedMib(long gcLogOffset) {
        long peak = 0;
        Matcher sizes = GC_SIZES.matcher(tail(gcLog, gcLogOffset));
        while (sizes.find()) {
            peak = Math.max(peak, Long.parseLong(sizes.group(1)));
        }
        return peak;
    }

    long logBytes() {
        return size(log);
    }

    /** The log written since {@code offset}. */
    String logSince(long offset) {
        return tail(log, offset);
    }

    /** Whether the relay ever logged an {@code OutOfMemoryError}. */
    boolean ranOutOfMemory() {
        return tail(log, 0).contains("OutOfMemoryError");
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file, long offset) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = (int) Math.min(offset, bytes.length);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
