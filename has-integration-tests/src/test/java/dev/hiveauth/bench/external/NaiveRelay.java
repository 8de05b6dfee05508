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
        Path stdout = installed.resolve("stdout.log");
        Files.deleteIfExists(stdout);
        // Its standard input stays an open pipe: the relay exits when it closes, with this JVM at the latest.
        Process process = new ProcessBuilder("node", "naive-relay.js", "0", Long.toString(timeout.toSeconds()))
                .directory(installed.toFile()).redirectOutput(stdout.toFile())
                .redirectError(installed.resolve("stderr.log").toFile()).start();
        Pacing.awaitCondition(() -> !process.isAlive() || READY.matcher(read(stdout)).find(), START_TIMEOUT);
        Matcher ready = READY.matcher(read(stdout));
        if (!ready.find()) {
            process.destroyForcibly();
            throw new IOException("the naive relay did not start (alive: " + process.isAlive() + "): "
                    + read(installed.resolve("stderr.log")));
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
