package dev.hiveauth.bench.external;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One process of the Node generator, an APP or a wallet (bench/generator/generator.js): its orders go to its standard
 * input, one a line; its JSON lines ({@code ready}, {@code paused} after a pause, then its {@link NodeTally}) are
 * read from its standard output by a thread of its own, so that the pipe never fills; its standard error goes to a
 * log beside its configuration.
 */
final class NodePeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String name;
    private final Process process;
    private final Path errors;
    private final Writer orders;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CompletableFuture<NodeTally> tally = new CompletableFuture<>();
    private volatile String unreadable;

    private NodePeer(String name, Process process, Path errors) {
        this.name = name;
        this.process = process;
        this.errors = errors;
        this.orders = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts {@code node generator.js arguments…} in {@code installed}, standard error to {@code logDir}. */
    static NodePeer start(Path installed, String name, List<String> arguments, Path logDir) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", "generator.js"));
        command.addAll(arguments);
        Path errors = logDir.resolve(name + ".stderr.log");
        // Its standard input stays an open pipe: the process exits when it closes, with this JVM at the latest.
        Process process = new ProcessBuilder(command).directory(installed.toFile()).redirectError(errors.toFile())
                .start();
        NodePeer peer = new NodePeer(name, process, errors);
        Thread reader = new Thread(peer::readLines, "bench-generator-" + name);
        reader.setDaemon(true);
        reader.start();
        return peer;
    }

    private void readLines() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode message = JSON.readTree(line);
                switch (message.path("event").asText()) {
                    case "ready" -> ready.countDown();
                    case "paused" -> paused.countDown();
                    case "tally" -> tally.complete(JSON.treeToValue(message, NodeTally.class));
                    default -> { } // nothing else is printed there; a stray line changes no figure
                }
            }
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage());
            unreadable = why.length() > 200 ? why.substring(0, 200) + "…" : why;
        } finally {
            tally.complete(null);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Returns once the process is connected (an APP) or registered (a wallet); fails after {@code timeout}. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("the generator's " + name + " was not ready within " + timeout + " (alive: "
                    + process.isAlive() + "): " + Files.readString(errors).trim());
        }
    }

    /** Sends one order: {@code go START END}, {@code rate FIRST START END}, {@code pause} or {@code stop}. */
    void tell(String order) throws IOException {
        orders.write(order + "\n");
        orders.flush();
    }

    /**
     * Whether the APP said, within {@code timeout}, that its closed loop stopped and its last answers came (or its
     * drain time ran out) after a {@code pause}; false if it did not (it may have ended).
     */
    boolean awaitPaused(Duration timeout) throws InterruptedException {
        return paused.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why its output could not be read (a line that is not JSON, cut short), or null. */
    String unreadable() {
        return unreadable;
    }

    /** Its tally, or null: none came within {@code timeout}, or the process ended without one. */
    NodeTally awaitTally(Duration timeout) throws InterruptedException {
        try {
            return tally.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    @Override
    public void close() {
        NodePackage.stop(process);
    }
}
