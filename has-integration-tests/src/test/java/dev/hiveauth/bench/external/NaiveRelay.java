package dev.hiveauth.bench.external;

import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.roundtrip.ServerCounts;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * naive-relay.js on Node, in a child process: the relay that checks nothing, the yardstick of the external phase.
 * Its {@code ws} is installed with {@code npm ci} from the lock file ({@link NodePackage}).
 */
final class NaiveRelay implements RelayUnderTest {
    private static final Pattern READY = Pattern.compile("naive relay listening on (ws://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** The relay checks no proof, so the wallets may prove their accounts to any key. */
    private static final PublicKey ANY_KEY = PrivateKey.generate().publicKey();

    private final Process process;
    private final URI uri;

    private NaiveRelay(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** Starts the relay installed in {@code installed}; requests it forwards expire after {@code timeout}. */
    static NaiveRelay start(Path installed, Duration timeout) throws IOException {
        return start(installed, installed, timeout, null);
    }

    /**
     * Starts the relay installed in {@code installed}, its output in {@code logs}; with a {@code redis}, as one node of
     * a naive cluster on it (the node's requests and replies published there, nothing stored).
     */
    static NaiveRelay start(Path installed, Path logs, Duration timeout, URI redis) throws IOException {
        Files.createDirectories(logs);
        Path stdout = logs.resolve("stdout.log");
        Path stderr = logs.resolve("stderr.log");
        Files.deleteIfExists(stdout);
        List<String> command = new ArrayList<>(List.of("node", "naive-relay.js", "0",
                Long.toString(timeout.toSeconds())));
        if (redis != null) {
            command.add(redis.toString());
        }
        // Its standard input stays an open pipe: the relay exits when it closes, with this JVM at the latest.
        Process process = new ProcessBuilder(command).directory(installed.toFile()).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        Pacing.awaitCondition(() -> !process.isAlive() || READY.matcher(read(stdout)).find(), START_TIMEOUT);
        Matcher ready = READY.matcher(read(stdout));
        if (!ready.find()) {
            process.destroyForcibly();
            throw new IOException("the naive relay did not start (alive: " + process.isAlive() + "): "
                    + read(stderr));
        }
        return new NaiveRelay(process, URI.create(ready.group(1)));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public PublicKey serverKey() {
        return ANY_KEY;
    }

    @Override
    public ServerCounts counts() {
        return null;
    }

    @Override
    public void close() {
        NodePackage.stop(process);
    }
}
