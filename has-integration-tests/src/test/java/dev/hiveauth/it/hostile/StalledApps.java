package dev.hiveauth.it.hostile;

import dev.hiveauth.protocol.testing.RawWebSocket;
import java.time.Duration;

/**
 * App sockets that send mallory requests and never read, and mallory's own wallet answering each with a 200 KB
 * {@code auth_ack} (compat mode: no proof needed from a registered wallet) — the relay must hold the answers for
 * sockets that do not take them. A new stalled app every half second.
 */
final class StalledApps implements Attack {
    private static final int REQUESTS_PER_APP = 20;
    private static final String ANSWER = "y".repeat(200_000);

    private final Mallory mallory;

    StalledApps(Mallory mallory) {
        this.mallory = mallory;
    }

    @Override
    public String name() {
        return "stalled apps, each answered with " + REQUESTS_PER_APP + " x 200 KB";
    }

    @Override
    public void run(Duration length) throws Exception {
        try (Crew crew = new Crew(length)) {
            RawWebSocket wallet = crew.hold(mallory.registeredWallet());
            crew.start("wallet", () -> {
                for (String frame = wallet.readText(); frame != null && crew.working(); frame = wallet.readText()) {
                    if ("auth_req".equals(Mallory.field(frame, "cmd"))) {
                        wallet.sendText("{\"cmd\":\"auth_ack\",\"uuid\":\"" + Mallory.field(frame, "uuid")
                                + "\",\"data\":\"" + ANSWER + "\"}");
                    }
                }
            });
            crew.start("apps", () -> {
                while (crew.working()) {
                    RawWebSocket app = crew.hold(mallory.socket());
                    for (int i = 0; i < REQUESTS_PER_APP; i++) {
                        app.sendText(mallory.authRequest("small"));
                    }
                    crew.pause(500);
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
