package dev.hiveauth.it.hostile;

import dev.hiveauth.protocol.testing.RawWebSocket;
import java.time.Duration;

/**
 * A wallet that registers mallory with a valid proof and never reads again, while five app sockets send it 100 KB
 * requests at 20 a second each; every two seconds she registers another such wallet, which the relay hands every
 * request still waiting. Before the bounds, the relay buffered all of it and ran out of memory within 20 s.
 */
final class StalledWallet implements Attack {
    private static final int APPS = 5;
    private static final int REQUESTS_PER_SECOND = 20;
    private static final String DATA = "x".repeat(100_000);

    private final Mallory mallory;

    StalledWallet(Mallory mallory) {
        this.mallory = mallory;
    }

    @Override
    public String name() {
        return "stalled wallet, " + APPS + " apps x " + REQUESTS_PER_SECOND + "/s requests of 100 KB";
    }

    @Override
    public void run(Duration length) throws Exception {
        String request = mallory.authRequest(DATA);
        try (Crew crew = new Crew(length)) {
            crew.hold(mallory.registeredWallet());
            for (int i = 0; i < APPS; i++) {
                crew.start("app-" + i, () -> {
                    RawWebSocket app = crew.hold(mallory.socket());
                    while (crew.working()) {
                        app.sendText(request);
                        crew.pause(1000 / REQUESTS_PER_SECOND);
                    }
                });
            }
            crew.start("wallets", () -> {
                while (crew.working()) {
                    crew.pause(2_000);
                    if (crew.working()) {
                        crew.hold(mallory.registeredWallet());
                    }
                }
            });
            crew.awaitMembers();
        }
    }

    @Override
    public boolean biting(AttackWindow window) {
        return window.grown("has_closed_total", "reason=\"slow_reader\"") > 0;
    }
}
