package dev.hiveauth.protocol.transport;

import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.tyrus.client.ClientManager;

/**
 * Tyrus's client, its sessions' timers on a {@link SessionScheduler}: Tyrus's own pool (ten threads per client)
 * would take a thread hop for every message sent or received. Each session takes the scheduler when it opens. Tyrus
 * shuts a client's executors down when its last connection ends (it has no hook for its shared transport stopping
 * later), and the next connection gets a new scheduler, as it would a new pool; the scheduler holds no thread until
 * a task has a delay. {@link TyrusDialer} uses it, and so may anything else that speaks through Tyrus.
 */
public final class TyrusClient extends ClientManager {
    private final Object lock = new Object();
    private SessionScheduler sessionScheduler; // guarded by lock; null until a session needs it, and after shutdown

    @Override
    public ScheduledExecutorService getScheduledExecutorService() {
        synchronized (lock) {
            if (sessionScheduler == null) {
                sessionScheduler = new SessionScheduler();
            }
            return sessionScheduler;
        }
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            if (sessionScheduler != null) {
                sessionScheduler.shutdownNow();
                sessionScheduler = null;
            }
        }
        super.shutdown();
    }
}
