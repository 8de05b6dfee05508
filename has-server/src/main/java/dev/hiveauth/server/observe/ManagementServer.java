package dev.hiveauth.server.observe;

import dev.hiveauth.server.transport.GrizzlyStartLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The operator's HTTP port: {@code GET /health} (200 while serving, 503 otherwise) and {@code GET /metrics}
 * (Prometheus text format). Kept off the WebSocket port so metrics need not be public.
 */
public final class ManagementServer {
    private final HttpServer http = new HttpServer();
    private final NetworkListener listener;

    /** {@code metrics} gives the text {@code /metrics} answers (Prometheus's format). */
    public ManagementServer(String host, int port, BooleanSupplier serving, Supplier<String> metrics) {
        GrizzlyStartLines.quiet();
        listener = new NetworkListener("management", host, port);
        http.addListener(listener);
        http.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws IOException {
                if (request.getMethod() != Method.GET && request.getMethod() != Method.HEAD) {
                    respond(response, 405, "text/plain", "method not allowed\n");
                    return;
                }
                switch (request.getRequestURI()) {
                    case "/health" -> {
                        boolean up = serving.getAsBoolean();
                        respond(response, up ? 200 : 503, "application/json",
                                up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
                    }
                    case "/metrics" -> respond(response, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
                    default -> respond(response, 404, "text/plain", "not found\n");
                }
            }
        });
    }

    private static void respond(Response response, int status, String contentType, String body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding("utf-8");
        response.getWriter().write(body);
    }

    /** Starts listening. */
    public void start() {
        try {
            http.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + listener.getHost() + ":" + listener.getPort(), e);
        }
    }

    /** The bound port (the real one when 0 asked for any free port). */
    public int port() {
        return listener.getPort();
    }

    /** Stops listening and closes its connections. */
    public void stop() {
        http.shutdownNow();
    }
}
