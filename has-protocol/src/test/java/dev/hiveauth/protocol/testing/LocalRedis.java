package dev.hiveauth.protocol.testing;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A real redis-server on 127.0.0.1, started by the test itself: no Docker, nothing installed (the binary comes from
 * the embedded-redis jar). It keeps nothing on disk unless asked ({@code --save "" --appendonly no}) and works in a
 * directory of its own, which {@link #close()} deletes with the log. Besides commands, the test can crash it
 * ({@link #kill()}), bring it back on the same port ({@link #restart()}), or freeze it so that it holds every
 * connection open and answers nothing ({@link #freeze()}).
 *
 * <pre>{@code
 * try (LocalRedis redis = LocalRedis.start()) {
 *     RedisClient client = RedisClient.create(redis.uri().toString());
 *     ...
 *     redis.kill();
 *     redis.restart(); // same port, empty
 * }
 * }</pre>
 *
 * <p>Several may run at once; a JVM that exits kills every one still running.
 */
public final class LocalRedis implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);
    /** How long a command may take, {@code DEBUG SLEEP} included, before it fails with a timeout. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long one readiness probe waits: short, because the port may have been taken by a process that accepts the
     * connection and never answers, and the probe must come back to see that our redis-server has exited.
     */
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final int PORT_ATTEMPTS = 5;
    private static final String LOG = "redis.log";

    private final Path directory;
    private final int port;
    private final RedisProcess process;
    private final AdminConnection admin;
    private boolean frozen;
    private boolean closed;

    private LocalRedis(Path directory, int port, Path config, List<String> options) {
        this.directory = directory;
        this.port = port;
        List<String> command = new ArrayList<>();
        command.add(RedisServerBinary.path().toString());
        if (config != null) {
            command.add(config.toString()); // redis-server reads a config file only as its first argument
        }
        command.addAll(List.of("--port", Integer.toString(port), "--bind", HOST, "--dir", directory.toString(),
                "--daemonize", "no", "--protected-mode", "no"));
        command.addAll(options);
        this.process = new RedisProcess(command, directory.resolve(LOG));
        this.admin = new AdminConnection(HOST, port, COMMAND_TIMEOUT);
    }

    /** A server that keeps nothing on disk, ready (it answered PING). */
    public static LocalRedis start() {
        return start(new String[0]);
    }

    /**
     * A server with more options after the defaults, which they override: e.g. {@code "--appendonly", "yes",
     * "--appendfsync", "always"} for one whose data survives {@link #kill()} and {@link #restart()}.
     */
    public static LocalRedis start(String... extraArgs) {
        return start(LocalRedis::freePort, extraArgs);
    }

    /** A server on the first port {@code ports} gives that redis-server can bind (of five at most). */
    static LocalRedis start(IntSupplier ports, String... extraArgs) {
        List<String> options = new ArrayList<>(List.of("--save", "", "--appendonly", "no"));
        options.addAll(List.of(extraArgs));
        return startInNewDirectory(null, options, ports);
    }

    /**
     * A sentinel ({@code redis-server <config> --sentinel}) reading {@code config}, which it rewrites as it learns:
     * the file is written to the sentinel's own directory.
     */
    static LocalRedis startSentinel(String config) {
        return startInNewDirectory(config, List.of("--sentinel"), LocalRedis::freePort);
    }

    private static LocalRedis startInNewDirectory(String configText, List<String> options, IntSupplier ports) {
        Path directory = createDirectory();
        try {
            Path config = null;
            if (configText != null) {
                config = directory.resolve("redis.conf");
                write(config, configText);
            }
            // Redis reads --port 0 as "no TCP at all", so the port is chosen here: one the kernel just gave out,
            // which another process may take before redis-server binds it; then the next try takes another
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                LocalRedis redis = new LocalRedis(directory, ports.getAsInt(), config, options);
                if (redis.launchAndAwaitPing(System.nanoTime() + READY_TIMEOUT.toNanos())) {
                    return redis;
                }
            }
            throw new IllegalStateException("no free port for redis-server after " + PORT_ATTEMPTS + " tries");
        } catch (RuntimeException e) {
            ExitCleanup.deleteNow(directory);
            throw e;
        }
    }

    /** The port it listens on, the same after {@link #restart()}. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1}: it listens on the loopback interface only. */
    public String host() {
        return HOST;
    }

    /** {@code redis://127.0.0.1:<port>}, as Lettuce's {@code RedisURI.create} reads it. */
    public URI uri() {
        return URI.create("redis://" + HOST + ":" + port);
    }

    /** The redis-server process id, for checks through {@link ProcessHandle}. */
    public long pid() {
        return process.pid();
    }

    /** Where the server's output goes, every launch appended: the first place to look when a test fails. */
    public Path logFile() {
        return directory.resolve(LOG);
    }

    /**
     * Sends one command, e.g. {@code command("CLIENT", "KILL", "TYPE", "pubsub")}, and returns the reply as plain
     * values: a {@link String} for a status or bulk string, a {@link Long} for an integer, a {@link java.util.List} for
     * an array, a {@link java.util.Map} or {@link java.util.Set} for RESP3's (Lettuce speaks RESP3 to Redis 7), a
     * {@link Double} or {@link Boolean} for those, null for nil. An error reply throws Lettuce's
     * {@code RedisCommandExecutionException}; no reply within 10 s (a frozen server), its
     * {@code RedisCommandTimeoutException}.
     */
    public Object command(String... args) {
        return admin.call(args);
    }

    /** {@code FLUSHALL}: every key of every database is gone. */
    public void flushAll() {
        admin.commands().flushall();
    }

    /** {@code DBSIZE}: how many keys database 0 holds. */
    public long dbSize() {
        return admin.commands().dbsize();
    }

    /** {@code CLIENT KILL TYPE pubsub}: cuts every subscriber's connection; returns how many there were. */
    public long killPubSubClients() {
        return admin.commands().clientKill(KillArgs.Builder.typePubsub());
    }

    /** {@code CLIENT PAUSE <ms> ALL}: every client's commands wait that long, the server is up but silent. */
    public void pauseClients(Duration duration) {
        command("CLIENT", "PAUSE", Long.toString(duration.toMillis()), "ALL");
    }

    /** {@code SCRIPT FLUSH}: forgets every script, as a restarted or failed-over server has, so EVALSHA fails. */
    public void scriptFlush() {
        admin.commands().scriptFlush();
    }

    /** {@code CONFIG SET <parameter> <value>}. */
    public void configSet(String parameter, String value) {
        admin.commands().configSet(parameter, value);
    }

    /** {@code INFO <section>}, e.g. {@code info("replication")}: the text of {@code field:value} lines. */
    public String info(String section) {
        return admin.commands().info(section);
    }

    /** Whether the process runs (a frozen one does). */
    public synchronized boolean isRunning() {
        return process.isAlive();
    }

    /** A clean shutdown (SIGTERM): with {@code --appendonly yes} the data is on disk for {@link #restart()}. */
    public synchronized void stop() {
        admin.disconnect();
        process.terminate();
        frozen = false;
    }

    /** A crash (SIGKILL): connections drop at once and nothing is saved. */
    public synchronized void kill() {
        admin.disconnect();
        process.kill();
        frozen = false;
    }

    /**
     * Starts the server again on the same port, with the same options, after {@link #stop()} or {@link #kill()} (or
     * stops it first if it still runs), and waits until it answers PING. Its data is gone unless it was started with
     * {@code --appendonly yes}. A node that a sentinel failover turned into a primary or a replica comes back with the
     * role it was started with.
     */
    public synchronized void restart() {
        requireOpen();
        stop();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        // the port was ours: it can be taken only for an instant (an outgoing connection given it as its local
        // port), so the same port is tried again until the deadline
        while (!launchAndAwaitPing(deadline)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("port " + port + " stayed in use: redis-server could not restart");
            }
            RedisProcess.sleep(Duration.ofMillis(100));
        }
    }

    /**
     * Freezes the process (SIGSTOP): its port stays open and the kernel still accepts connections and data, but
     * nothing is answered, like a server behind a network black hole or stuck in a long pause.
     */
    public synchronized void freeze() {
        process.signal("STOP");
        frozen = true;
    }

    /** Lets a {@link #freeze() frozen} process run again (SIGCONT); it answers what was sent meanwhile. */
    public synchronized void thaw() {
        process.signal("CONT");
        frozen = false;
    }

    /** Whether it is frozen. */
    public synchronized boolean isFrozen() {
        return frozen;
    }

    /** Kills the server and deletes its directory; the handle is of no use afterwards. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close();
        process.kill();
        ExitCleanup.deleteNow(directory);
    }

    /**
     * Launches the process and polls PING until {@code deadline}; false if the port was taken before redis-server
     * could bind it. Any other early exit, or no answer in time, throws with what the server wrote.
     */
    private boolean launchAndAwaitPing(long deadline) {
        process.launch();
        try (AdminConnection probe = new AdminConnection(HOST, port, PROBE_TIMEOUT)) {
            while (true) {
                if (!process.isAlive()) {
                    String output = process.outputOfThisLaunch();
                    // Redis's own words, whatever the C library calls the error ("Address in use" in these builds)
                    if (output.contains("Failed listening on port " + port + " (TCP)")) {
                        return false;
                    }
                    throw new IllegalStateException("redis-server on port " + port + " exited with code "
                            + process.exitValue() + " before it answered PING. It wrote:\n" + output);
                }
                if (answersPing(probe)) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    process.kill();
                    throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                            + READY_TIMEOUT.toSeconds() + " s. It wrote:\n" + process.outputOfThisLaunch());
                }
                RedisProcess.sleep(POLL);
            }
        }
    }

    /**
     * Whether the server answers PING and is this process: when two tests are given the same free port, the one whose
     * redis-server lost the race must not take the other's PONG for its own.
     */
    private boolean answersPing(AdminConnection probe) {
        try {
            return "PONG".equals(probe.commands().ping())
                    && probe.commands().info("server").contains("process_id:" + process.pid() + "\r\n");
        } catch (RedisException e) {
            // not listening yet, still loading its data, or not our server: asked again shortly
            probe.disconnect();
            return false;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this LocalRedis is closed");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    private static Path createDirectory() {
        try {
            // on POSIX systems only its owner may enter it
            Path directory = Files.createTempDirectory("local-redis-");
            ExitCleanup.deleteAtExit(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for redis-server", e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
