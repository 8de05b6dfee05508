package dev.hiveauth.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** One {@code has-app} command line run in-process on a thread of its own, its stdout and stderr captured. */
final class CommandRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("has://auth_req/[A-Za-z0-9+/=]+");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exitCode;

    private CommandRun(Clock clock, String... args) {
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        exitCode = CompletableFuture.supplyAsync(() -> HasAppCommand.run(args, clock, stdout, stderr, false));
    }

    static CommandRun start(Clock clock, String... args) {
        return new CommandRun(clock, args);
    }

    /** Runs to the end; returns the exit code. */
    static CommandRun finished(Clock clock, String... args) throws Exception {
        CommandRun run = new CommandRun(clock, args);
        run.exitCode();
        return run;
    }

    int exitCode() throws Exception {
        return exitCode.get(20, TimeUnit.SECONDS);
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The single JSON line on stdout. */
    JsonNode result() throws Exception {
        String text = stdout();
        if (text.lines().count() != 1) {
            throw new AssertionError("stdout must be one line, was: " + text);
        }
        return JSON.readTree(text);
    }

    /** Waits until the command has shown the has:// link on stderr, and returns it. */
    String awaitLink() {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> LINK.matcher(stderr()).find());
        Matcher link = LINK.matcher(stderr());
        link.find();
        return link.group();
    }

    /** Waits until stderr contains {@code text}. */
    void awaitStderr(String text) {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> stderr().contains(text));
    }
}
