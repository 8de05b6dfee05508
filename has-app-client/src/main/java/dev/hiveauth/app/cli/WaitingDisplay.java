package dev.hiveauth.app.cli;

import dev.hiveauth.app.AuthPrompt;
import dev.hiveauth.app.ConnectionListener;
import dev.hiveauth.app.qr.QrCode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the user sees on stderr while a request waits: the {@code has://} link and its QR code for a login,
 * then a countdown to the request's expiry, redrawn every second on one line, and a line when the connection to
 * the relay drops and when it is back (the request still waits meanwhile).
 */
final class WaitingDisplay implements AutoCloseable, ConnectionListener {
    private static final int PNG_PIXELS_PER_MODULE = 8;

    private final PrintStream err;
    private final Clock clock;
    private final boolean colours;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "has-app-countdown");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String uuid;
    private boolean counting;
    private boolean closed;

    WaitingDisplay(PrintStream err, Clock clock, boolean colours) {
        this.err = err;
        this.clock = clock;
        this.colours = colours;
    }

    /** The uuid of the request shown, or null before the HAS gave one. */
    String uuid() {
        return uuid;
    }

    /** A login is waiting: the link to open or scan (as a QR code in the terminal and/or a PNG file). */
    void showLogin(AuthPrompt prompt, String account, boolean qr, Path png) {
        uuid = prompt.uuid();
        err.println("Approve the login of " + account + " in a HiveAuth wallet: scan the QR code or open this link:");
        err.println(prompt.uri());
        if (qr) {
            err.print(QrCode.encode(prompt.uri()).toTerminal(colours));
        }
        if (png != null) {
            try {
                QrCode.encode(prompt.uri()).writePng(png, PNG_PIXELS_PER_MODULE);
                err.println("QR code written to " + png);
            } catch (IOException e) {
                // the link above still works: keep waiting rather than give the login up
                err.println("cannot write the QR code to " + png + ": " + e);
            }
        }
        countDown("Waiting for " + account + "'s approval", prompt.expire());
    }

    /** A transaction or challenge is waiting in the wallet. */
    void showWaiting(String what, String uuid, long expire) {
        this.uuid = uuid;
        err.println(what + " (request " + uuid + ")");
        countDown("Waiting for approval", expire);
    }

    private synchronized void countDown(String label, long expire) {
        if (closed) {
            return;
        }
        counting = true;
        ticker.scheduleAtFixedRate(() -> tick(label, expire), 0, 1, TimeUnit.SECONDS);
    }

    private synchronized void tick(String label, long expire) {
        if (closed) {
            return;
        }
        long seconds = Math.max(0, (expire - clock.millis() + 999) / 1000);
        err.print("\r" + label + ": " + seconds + " s left ");
        err.flush();
    }

    @Override
    public synchronized void connectionLost(URI server, String reason, int waiting, long retryInMillis) {
        if (!closed) {
            err.println((counting ? "\n" : "") + "Connection to " + server + " lost (" + reason + "); reconnecting in "
                    + (retryInMillis + 999) / 1000 + " s, the request still waits");
        }
    }

    @Override
    public synchronized void connectionRestored(URI server, int reattached) {
        if (!closed) {
            err.println((counting ? "\n" : "") + "Connection to " + server + " restored");
        }
    }

    /** Stops the countdown and ends its line. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdownNow();
        if (counting) {
            err.println();
        }
    }
}
