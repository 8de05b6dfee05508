package dev.hiveauth.server.transport;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Grizzly announces every listener it starts and stops ("Started listener bound to [127.0.0.1:3000]", "[HttpServer]
 * Started.") at INFO through java.util.logging, whose default console handler prints INFO on stderr: an application
 * that embeds the relay would see these lines unasked, and the relay logs its own start line anyway. So the two
 * loggers that write them are set to WARNING, unless the application set their level itself; no other logger, handler
 * or global setting of java.util.logging is touched.
 */
public final class GrizzlyStartLines {
    // Held here: java.util.logging keeps loggers weakly, and a logger collected and made again forgets its level.
    private static final List<Logger> ANNOUNCERS = List.of(
            Logger.getLogger(HttpServer.class.getName()),
            Logger.getLogger(NetworkListener.class.getName()));

    private GrizzlyStartLines() {
    }

    /** Leaves Grizzly's start and stop lines out of the log, where nobody chose their level. */
    public static void quiet() {
        for (Logger announcer : ANNOUNCERS) {
            synchronized (announcer) {
                if (announcer.getLevel() == null) {
                    announcer.setLevel(Level.WARNING);
                }
            }
        }
    }
}
