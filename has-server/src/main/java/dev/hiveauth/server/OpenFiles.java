package dev.hiveauth.server;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.hiveauth.server.relay.Limits;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File descriptors: every connection takes one, and so do the server's own files, its calls to Hive nodes and its
 * management port. A connection cap above what the process may open lets a flood of connections use them all, and
 * then nothing works — not the management port, not a Hive call, not a new peer. So the cap not given is kept under
 * the open-file limit with a reserve ({@link #reserve}), and a cap set above it is warned about at start.
 */
public final class OpenFiles {
    private static final Logger LOG = LoggerFactory.getLogger(OpenFiles.class);
    /** Files kept for everything but peers, at least: jars, selectors, Hive calls, the management port, logs. */
    static final long MIN_RESERVE = 256;

    private OpenFiles() {
    }

    /** The most files this process may open (on Linux the JVM raises its soft limit to the hard one), if known. */
    public static OptionalLong limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
            return OptionalLong.of(unix.getMaxFileDescriptorCount());
        }
        return OptionalLong.empty();
    }

    /** Files kept back from peers out of {@code openFileLimit}: a twentieth, at least {@link #MIN_RESERVE}. */
    static long reserve(long openFileLimit) {
        return Math.max(MIN_RESERVE, openFileLimit / 20);
    }

    /** The most connections {@code openFileLimit} leaves room for. */
    public static int connectionCap(long openFileLimit) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, openFileLimit - reserve(openFileLimit)));
    }

    /** {@code limits} with the connection cap lowered to what the open-file limit leaves room for, if it is known. */
    public static Limits fit(Limits limits, OptionalLong openFileLimit) {
        if (openFileLimit.isEmpty()) {
            return limits;
        }
        return limits.withMaxConnections(Math.min(limits.maxConnections(), connectionCap(openFileLimit.getAsLong())));
    }

    /** Warns when a connection cap set by hand leaves the server's own files no room. */
    static void warnIfOver(int maxConnections, OptionalLong openFileLimit) {
        if (openFileLimit.isPresent() && maxConnections > connectionCap(openFileLimit.getAsLong())) {
            LOG.warn("the connection cap ({}) is above what this process may open ({} files, {} kept for the server's "
                    + "own files, Hive calls and the management port): a flood of connections could leave it none; "
                    + "lower --max-connections or raise the open-file limit (ulimit -n)", maxConnections,
                    openFileLimit.getAsLong(), reserve(openFileLimit.getAsLong()));
        }
    }
}
