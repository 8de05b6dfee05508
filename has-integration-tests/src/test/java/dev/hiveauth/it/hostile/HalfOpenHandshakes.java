package dev.hiveauth.it.hostile;

import dev.hiveauth.protocol.testing.RawWebSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Connections that never complete the WebSocket upgrade: 300 that send nothing, 100 that send their upgrade request
 * one byte every 150 ms (it would take them over 20 s). Each must be closed at the handshake deadline (10 s), and
 * hold a place under the connection cap only until then; those past her address's share of connections (327 of the
 * relay's 3,276) are closed at once.
 */
final class HalfOpenHandshakes implements Attack {
    static final int SILENT = 300;
    static final int TRICKLING = 100;
    private static final byte[] UPGRADE = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final Mallory mallory;
    private final Map<Integer, Integer> closeCodes = new TreeMap<>();
    private volatile boolean allOpen;

    HalfOpenHandshakes(Mallory mallory) {
        this.mallory = mallory;
    }

    @Override
    public String name() {
        return "half-open handshakes, " + SILENT + " silent + " + TRICKLING + " sending a byte every 150 ms";
    }

    @Override
    public void run(Duration length) throws Exception {
        List<RawWebSocket> silent = new ArrayList<>();
        List<RawWebSocket> trickling = new ArrayList<>();
        try (Crew crew = new Crew(length)) {
            for (int i = 0; i < SILENT; i++) {
                silent.add(crew.hold(open(mallory)));
            }
            for (int i = 0; i < TRICKLING; i++) {
                trickling.add(crew.hold(open(mallory)));
            }
            allOpen = true;
            crew.start("trickle", () -> {
                List<RawWebSocket> open = new ArrayList<>(trickling);
                for (int at = 0; at < UPGRADE.length && !open.isEmpty() && crew.working(); at++) {
                    byte[] next = {UPGRADE[at]};
                    open.removeIf(socket -> !sent(socket, next));
                    crew.pause(150);
                }
            });
            crew.awaitMembers();
            for (RawWebSocket socket : silent) {
                closeCodes.merge(socket.readUntilClosed(), 1, Integer::sum);
            }
            for (RawWebSocket socket : trickling) {
                closeCodes.merge(socket.readUntilClosed(), 1, Integer::sum);
            }
        }
    }

    /** A connection, or one already closed when the relay refused it at accept (past her address's share). */
    private static RawWebSocket open(Mallory mallory) throws IOException {
        return mallory.tcp();
    }

    private static boolean sent(RawWebSocket socket, byte[] bytes) {
        try {
            socket.sendRaw(bytes);
            return true;
        } catch (IOException e) {
            return false; // the relay closed it
        }
    }

    /** How each connection ended, by close code ({@link RawWebSocket#CUT_OFF}: closed without a WebSocket). */
    Map<Integer, Integer> closeCodes() {
        return closeCodes;
    }

    @Override
    public boolean biting(AttackWindow window) {
        return allOpen;
    }

    @Override
    public String outcome() {
        return "how they ended " + closeCodes;
    }
}
