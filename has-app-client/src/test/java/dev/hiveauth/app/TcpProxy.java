package dev.hiveauth.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback between the client and a HAS, so a test can cut the client's connection the way a
 * network does (no close frame), and refuse reconnections for a while (by not listening: a connection
 * accepted and closed at once would leave Tyrus waiting for its handshake timeout).
 */
final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Socket> frozen = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    String url() {
        return "ws://127.0.0.1:" + port + "/";
    }

    /** While refusing, nothing listens on the proxy's port: connections are refused. */
    synchronized void refuse(boolean refusing) throws IOException {
        if (refusing && listener != null) {
            listener.close();
            listener = null;
        } else if (!refusing && listener == null) {
            ServerSocket reopened = listenAgain();
            listener = reopened;
            startAccepting(reopened);
        }
    }

    /**
     * The closed listener's port can stay taken for a moment (the JDK finishes closing a socket only once
     * the thread blocked in accept() has left it), so listening again is retried for up to 5 s.
     */
    private ServerSocket listenAgain() throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (true) {
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
                return socket;
            } catch (java.net.BindException stillTaken) {
                socket.close();
                if (System.nanoTime() > deadline) {
                    throw stillTaken;
                }
                Thread.onSpinWait();
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }

    /**
     * The connections open now stay open but carry nothing more, either way: a connection a NAT dropped
     * without telling anyone. New connections work.
     */
    void freezeAll() {
        frozen.addAll(sockets);
    }

    private void startAccepting(ServerSocket socket) {
        daemon(() -> acceptLoop(socket), "proxy-accept").start();
    }

    /** Drops every connection through the proxy, both sides, without a WebSocket close. */
    void cutAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                daemon(() -> pump(client, server), "proxy-up").start();
                daemon(() -> pump(server, client), "proxy-down").start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!frozen.contains(from)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // cut, or the other side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        refuse(true);
        cutAll();
    }
}
