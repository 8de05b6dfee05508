package dev.hiveauth.bench.idle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on an {@link IdleServerProcess}: a child JVM on this JVM's classpath with its own
 * -Xmx, its stderr (logs) to a file, and a line protocol on stdin/stdout.
 */
final class ChildServer implements AutoCloseable {
    private static final String READY = "HAS server listening on ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** A full GC of a nearly full 1 GiB heap takes seconds on a busy machine; a reply never takes minutes. */
    private static final Duration REPLY_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final List<String> jvmOptions;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Writer commands;
    private final URI uri;

    private ChildServer(Process process, List<String> jvmOptions) throws IOException {
        this.process = process;
        this.jvmOptions = jvmOptions;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "bench-child-stdout");
        reader.setDaemon(true);
        reader.start();
        String ready = next(START_TIMEOUT);
        if (!ready.startsWith(READY)) {
            throw new IOException("the child server did not start: " + ready);
        }
        this.uri = URI.create(ready.substring(READY.length()).trim());
    }

    /** Starts the child JVM with {@code -Xmx<heap>}, admitting {@code connections}, and waits for its ready line. */
    static ChildServer start(String heap, int connections, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> options = List.of("-Xmx" + heap, "-XX:+UseG1GC");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IdleServerProcess.class.getName());
        command.add(Integer.toString(connections));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        try {
            return new ChildServer(process, options);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    URI uri() {
        return uri;
    }

    long pid() {
        return process.pid();
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Connections the child's relay holds now. */
    long connections() throws IOException {
        return ask("count").get("connections");
    }

    /** After a full GC in the child: used, committed, max, direct, rss, threads, connections. */
    Map<String, Long> heap() throws IOException {
        return ask("heap");
    }

    /** The child's "Max open files" soft limit as /proc shows it, or "unknown". */
    String openFilesLimit() {
        return OpenFiles.limitOf("/proc/" + process.pid() + "/limits");
    }

    private synchronized Map<String, Long> ask(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        String reply = next(REPLY_TIMEOUT);
        Map<String, Long> values = new HashMap<>();
        for (String pair : reply.trim().split(" ")) {
            String[] keyValue = pair.split("=", 2);
            if (keyValue.length != 2 || keyValue[0].equals("error")) {
                throw new IOException("the child server answered \"" + reply + "\" to " + command);
            }
            values.put(keyValue[0], Long.parseLong(keyValue[1]));
        }
        return values;
    }

    private String next(Duration timeout) throws IOException {
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IOException("the child server said nothing for " + timeout.toSeconds() + " s (alive: "
                        + process.isAlive() + ")");
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the child server", e);
        }
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child is gone; whoever waits for a line times out with the reason
        }
        lines.add("(the child server's output ended)");
    }

    @Override
    public void close() {
        try {
            commands.write("exit\n");
            commands.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
