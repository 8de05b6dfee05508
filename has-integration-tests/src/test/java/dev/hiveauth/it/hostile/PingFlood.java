package dev.hiveauth.it.hostile;

import dev.hiveauth.protocol.testing.RawWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sockets that send 125-byte pings as fast as they can and never read a pong. Each may ping within its budget; past
 * it, it is closed with 1008 rather than answered pong by pong into a queue nobody reads.
 */
final class PingFlood implements Attack {
    static final int SOCKETS = 50;
    private static final int PINGS = 500;

    private final Mallory mallory;
    private final Map<Integer, Integer> closeCodes = new TreeMap<>();

    PingFlood(Mallory mallory) {
        this.mallory = mallory;
    }

    @Override
    public String name() {
        return "ping flood, " + SOCKETS + " sockets x " + PINGS + " pings of 125 bytes, no reads";
    }

    @Override
    public void run(Duration length) throws Exception {
        List<RawWebSocket> sockets = new ArrayList<>();
        try (Crew crew = new Crew(length)) {
            for (int i = 0; i < SOCKETS; i++) {
                sockets.add(crew.hold(mallory.socket()));
            }
            for (int i = 0; i < SOCKETS; i++) {
                RawWebSocket socket = sockets.get(i);
                crew.start("pinger-" + i, () -> {
                    for (int ping = 0; ping < PINGS && crew.working(); ping++) {
                        socket.ping(125);
                    }
                });
            }
            crew.awaitMembers();
            for (RawWebSocket socket : sockets) { // the flood is over: now see how each was closed
                closeCodes.merge(socket.readUntilClosed(), 1, Integer::sum);
            }
        }
    }

    /** How many sockets ended with each close code ({@link RawWebSocket#CUT_OFF} when cut off). */
    Map<Integer, Integer> closeCodes() {
        return closeCodes;
    }

    @Override
    public boolean biting(AttackWindow window) {
        return window.grown("has_closed_total", "reason=\"ping_flood\"") > 0;
    }

    @Override
    public String outcome() {
        return "close codes " + closeCodes;
    }
}
