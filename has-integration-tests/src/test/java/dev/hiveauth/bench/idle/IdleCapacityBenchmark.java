package dev.hiveauth.bench.idle;

import dev.hiveauth.bench.BenchSettings;
import dev.hiveauth.bench.Pacing;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How many idle connections one server holds, and at what heap: a server in a child JVM ({@code -Xmx1g} by
 * default), K raw WebSocket connections from this JVM, and the child's heap after a full GC before, with and
 * after them. This sandbox caps every process at 20,000 open files, so K stays under that (19,000 by
 * default) and 20,000 is extrapolated from the per-connection cost.
 */
public final class IdleCapacityBenchmark {
    static final long TARGET_CONNECTIONS = 20_000;
    static final long TARGET_HEAP_BYTES = 1L << 30;
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration HEAP_SETTLE_STEP = Duration.ofSeconds(2);
    private static final long HEAP_SETTLED_BYTES = 256 * 1024;

    private IdleCapacityBenchmark() {
    }

    public static IdleResult run(BenchSettings settings) throws Exception {
        List<InetAddress> sources = new ArrayList<>();
        for (String address : settings.sourceAddresses()) {
            sources.add(InetAddress.getByName(address));
        }
        Path log = settings.reportDir().resolve("bench-idle-server.log");
        try (ChildServer child = ChildServer.start(settings.idleHeap(), settings.connections(), log)) {
            Map<String, Long> baseline = child.heap();
            RawWebSocketConnector connector = new RawWebSocketConnector(child.uri(), sources);
            List<Socket> sockets = Collections.synchronizedList(new ArrayList<>(settings.connections()));
            AtomicReference<String> failure = new AtomicReference<>();
            long started = System.nanoTime();
            open(connector, settings.connections(), settings.openThreads(), sockets, failure);
            double openSeconds = (System.nanoTime() - started) / 1e9;
            int opened = sockets.size();
            awaitConnections(child, opened);
            Map<String, Long> loaded = child.heap();
            for (Socket socket : sockets) {
                socket.close();
            }
            awaitConnections(child, 0);
            Map<String, Long> afterClose = settledHeap(child);
            return IdleResult.of(settings.connections(), opened, failure.get(), openSeconds, baseline, loaded,
                    afterClose, child.jvmOptions(), child.openFilesLimit(), OpenFiles.ofThisProcess(),
                    settings.sourceAddresses());
        }
    }

    /** Opens up to {@code count} connections on a few threads; the first failure stops them all. */
    private static void open(RawWebSocketConnector connector, int count, int threads, List<Socket> sockets,
                             AtomicReference<String> failure) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> openers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread opener = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
                    try {
                        sockets.add(connector.open(i));
                    } catch (IOException e) {
                        failure.compareAndSet(null, "connection " + (i + 1) + ": " + e);
                    }
                }
            }, "bench-idle-opener-" + t);
            opener.start();
            openers.add(opener);
        }
        for (Thread opener : openers) {
            opener.join();
        }
    }

    /**
     * Grizzly finishes closing connections (and lets go of their buffers) a few seconds after the relay has
     * forgotten them: read the heap until it stops falling, so "after close" shows what stays, not what is
     * still being released.
     */
    private static Map<String, Long> settledHeap(ChildServer child) throws IOException {
        Map<String, Long> last = child.heap();
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Pacing.sleepUntil(System.nanoTime() + HEAP_SETTLE_STEP.toNanos());
            Map<String, Long> next = child.heap();
            if (next.get("used") >= last.get("used") - HEAP_SETTLED_BYTES) {
                return next;
            }
            last = next;
        }
        return last;
    }

    /** The child's relay sees opens and closes a little after the client does: wait until it agrees. */
    private static void awaitConnections(ChildServer child, long expected) throws IOException {
        IOException[] failure = new IOException[1];
        boolean agreed = Pacing.awaitCondition(() -> {
            try {
                return child.connections() == expected;
            } catch (IOException e) {
                failure[0] = e;
                return true;
            }
        }, SETTLE_TIMEOUT);
        if (failure[0] != null) {
            throw failure[0];
        }
        if (!agreed) {
            throw new IOException("the child server holds " + child.connections() + " connections, expected "
                    + expected);
        }
    }
}
