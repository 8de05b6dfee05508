package dev.hiveauth.it.hostile;

import dev.hiveauth.protocol.testing.RawWebSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Four sockets sending {@code register_req} with 1,000 invalid account names of 100 characters, as fast as the relay
 * takes them, reading every refusal (so the attack is on the log, not on the queues); a socket the relay closes is
 * replaced. Before the bounds, every refusal logged every name: 33 MB of log in 15 s.
 */
final class RegistrationFlood implements Attack {
    private static final int SOCKETS = 4;
    private static final int NAMES = 1_000;

    private final Mallory mallory;
    private final AtomicLong sent = new AtomicLong();

    RegistrationFlood(Mallory mallory) {
        this.mallory = mallory;
    }

    @Override
    public String name() {
        return "registration flood, " + SOCKETS + " sockets x " + NAMES + " invalid names of 100 characters";
    }

    private static String registration() {
        StringJoiner accounts = new StringJoiner(",", "[", "]");
        for (int i = 0; i < NAMES; i++) {
            String name = ("Not-A-Hive-Name-" + i + "-").repeat(10).substring(0, 100);
            accounts.add("{\"name\":\"" + name + "\",\"pok\":\"x\"}");
        }
        return "{\"cmd\":\"register_req\",\"app\":\"mallory\",\"accounts\":" + accounts + "}";
    }

    @Override
    public void run(Duration length) throws Exception {
        String registration = registration();
        try (Crew crew = new Crew(length)) {
            for (int i = 0; i < SOCKETS; i++) {
                crew.start("registrar-" + i, () -> {
                    while (crew.working()) {
                        flood(crew, registration);
                    }
                });
            }
            crew.awaitMembers();
        }
    }

    /** One socket, flooding until the relay closes it or the deadline. */
    private void flood(Crew crew, String registration) throws Exception {
        RawWebSocket socket = crew.hold(mallory.socket());
        crew.start("reader", () -> {
            while (socket.readText() != null) {
                // every refusal read and dropped
            }
        });
        try {
            while (crew.working()) {
                socket.sendText(registration);
                sent.incrementAndGet();
            }
        } catch (IOException e) {
            socket.close(); // closed by the relay: the next socket takes over
        }
    }

    @Override
    public boolean biting(AttackWindow window) {
        return window.grown("has_log_suppressed_total", "") > 0;
    }

    @Override
    public String outcome() {
        return sent.get() + " registrations sent";
    }
}
