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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * naive-relay.js on Node, in a child process: the relay that checks nothing, the yardstick of the external phase.
 * Its {@code ws} is installed by {@link #install} with {@code npm ci} from the lock file, never by hand; Node is
 * needed by this phase only, never by {@code mvn verify}.
 */
final class NaiveRelay implements RelayUnderTest {
    private static final List<String> SOURCES = List.of("naive-relay.js", "package.json", "package-lock.json");
    private static final Pattern READY = Pattern.compile("naive relay listening on (ws://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    /** The relay checks no proof, so the wallets may prove their accounts to any key. */
    private static final PublicKey ANY_KEY = PrivateKey.generate().publicKey();

    private final Process process;
    private final URI uri;

    private NaiveRelay(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** Copies the relay's sources from {@code sources} into {@code dir} and installs its dependencies there. */
    static Path install(Path sources, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        for (String file : SOURCES) {
            Files.copy(sources.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = dir.resolve("npm-ci.log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IOException("npm ci failed in " + dir + ": " + Files.readString(log).trim());
        }
        return dir;
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
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
