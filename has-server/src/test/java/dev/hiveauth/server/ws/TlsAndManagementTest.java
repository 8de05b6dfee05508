package dev.hiveauth.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.transport.TlsKeystore;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsAndManagementTest {
    private static final String PASSWORD = "changeit-test";

    @Test
    void servesWssFromAPkcs12Keystore(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "has", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).isZero();

        HasServer server = HasServer.builder().host("127.0.0.1").port(0)
                .accountKeys(AccountKeys.of(Map.of("alice", Set.of(PrivateKey.fromSeed("a").publicKey()))))
                .tls(new TlsKeystore(keystore, PASSWORD.toCharArray()))
                .build().start();
        try {
            assertThat(server.uri().getScheme()).isEqualTo("wss");
            ClientManager client = ClientManager.createClient();
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR,
                    new SslEngineConfigurator(trusting(keystore), true, false, false));
            try (WsTestClient peer = WsTestClient.connect(client, server.uri())) {
                assertThat(peer.next("connected").get("protocol").asInt()).isEqualTo(1);
                peer.send("{\"cmd\":\"key_req\"}");
                assertThat(peer.next("key_ack").get("key").asText()).isEqualTo(server.serverKey().toString());
            }
        } finally {
            server.stop();
        }
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Test
    void healthAndPrometheusMetricsAreServedOnTheHttpPort() throws Exception {
        HasServer server = HasServer.builder().host("127.0.0.1").port(0).httpPort(0)
                .accountKeys(AccountKeys.of(Map.of()))
                .build().start();
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + server.managementPort().orElseThrow());
        try (WsTestClient app = WsTestClient.connect(server.uri())) {
            app.next("connected");
            app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"x\"}");
            app.next("auth_wait");

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");

            String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics)
                    .contains("has_connections{role=\"app\"} 1.0")
                    .contains("has_pending_requests 1.0")
                    .contains("has_registered_accounts 0.0")
                    .contains("has_requests_total{outcome=\"accepted\",type=\"auth\"} 1.0")
                    .contains("has_relay_latency_seconds");
            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/nope")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        } finally {
            server.stop();
        }
    }
}
