package dev.hiveauth.it.hostile;

import dev.hiveauth.protocol.testing.RawWebSocket;
import java.io.IOException;
import java.time.Duration;

/**
 * Many sockets, each just under every per-socket limit, so that only the server-wide budgets stand between them and
 * the heap: 300 sockets each holding an unfinished 250 KB frame (the frame limit is 256 KiB), 10 app sockets sending
 * 230 KB requests for a wallet that never comes at 10 a second each (until their own byte limit refuses them), and
 * 20 sockets pinging at the ping budget's pace.
 */
final class JustUnderLimits implements Attack {
    private static final int UNFINISHED = 300;
    private static final int DECLARED = 250_000;
    private static final int SENT = 240_000;
    private static final int APPS = 10;
    private static final String DATA = "z".repeat(230_000);
    private static final int PINGERS = 20;

    private final Mallory mallory;

    JustUnderLimits(Mallory mallory) {
        this.mallory = mallory;
    }

    @Override
    public String name() {
        return "just under every limit: " + UNFINISHED + " unfinished 250 KB frames, " + APPS
                + " apps x 10/s requests of 230 KB, " + PINGERS + " sockets pinging at 1/s";
    }

    @Override
    public void run(Duration length) throws Exception {
        String request = mallory.authRequest(DATA);
        try (Crew crew = new Crew(length)) {
            crew.start("unfinished", () -> {
                for (int i = 0; i < UNFINISHED && crew.working(); i++) {
                    try {
                        crew.hold(mallory.socket()).unfinishedText(DECLARED, SENT);
                    } catch (IOException e) {
                        // refused once messages in part hold their budget: the next one tries anyway
                    }
                }
            });
            for (int i = 0; i < APPS; i++) {
                crew.start("app-" + i, () -> {
                    RawWebSocket app = crew.hold(mallory.socket());
                    while (crew.working()) {
                        app.sendText(request);
                        crew.pause(100);
                    }
                });
            }
            for (int i = 0; i < PINGERS; i++) {
                crew.start("pinger-" + i, () -> {
                    RawWebSocket pinger = crew.hold(mallory.socket());
                    while (crew.working()) {
                        pinger.ping(125);
                        crew.pause(1_000);
                    }
                });
            }
            crew.awaitMembers();
        }
    }

    @Override
    public boolean biting(AttackWindow window) {
        return window.now("has_buffered_bytes", "direction=\"in\"") > 10_000_000;
    }
}
