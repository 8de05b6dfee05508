package dev.hiveauth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.server.ws.WsTestClient;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as an operator runs it: a child process, options from the environment, SIGTERM. */
class HasServerJarIT {
    private static final Path JAR = Path.of("target", "has-server.jar");
    private static final Pattern READY = Pattern.compile("HAS server listening on ws://127\\.0\\.0\\.1:(\\d+)/");

    private static ProcessBuilder jar(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile());
    }

    /** Waits (up to 30 s) for the process to print its first line into the file. */
    private static String readyLine(Path stdout) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.readAllLines(stdout), lines -> !lines.isEmpty()).get(0);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void runsFromEnvironmentVariablesPrintsOneReadyLineAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
        int httpPort = freePort();
        ProcessBuilder builder = jar(dir);
        builder.environment().put("HAS_HOST", "127.0.0.1");
        builder.environment().put("HAS_PORT", "0");
        builder.environment().put("HAS_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("HAS_KEY_FILE", "keys/server.key");
        builder.environment().put("HAS_HIVE_API", "http://127.0.0.1:1/");
        builder.redirectError(dir.resolve("stderr.log").toFile());
        Path stdout = dir.resolve("stdout.log");
        builder.redirectOutput(stdout.toFile());
        Process server = builder.start();
        try {
            String ready = readyLine(stdout);
            Matcher matcher = READY.matcher(ready);
            assertThat(matcher.matches()).as("ready line: %s", ready).isTrue();
            URI uri = URI.create("ws://127.0.0.1:" + matcher.group(1) + "/");

            Path keyFile = dir.resolve("keys/server.key");
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            WsTestClient peer = WsTestClient.connect(uri);
            peer.next("connected");
            peer.send("{\"cmd\":\"key_req\"}");
            String key = peer.next("key_ack").get("key").asText();

            server.destroy(); // SIGTERM
            assertThat(peer.awaitClose().getCloseCode().getCode()).isEqualTo(1001);
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
            assertThat(Files.readAllLines(stdout)).as("one line on stdout").containsExactly(ready);

            // the key survives a restart
            Path stdout2 = dir.resolve("stdout2.log");
            Process again = builder.redirectOutput(stdout2.toFile()).start();
            try {
                Matcher second = READY.matcher(readyLine(stdout2));
                assertThat(second.matches()).isTrue();
                WsTestClient peer2 = WsTestClient.connect(URI.create("ws://127.0.0.1:" + second.group(1) + "/"));
                peer2.next("connected");
                peer2.send("{\"cmd\":\"key_req\"}");
                assertThat(peer2.next("key_ack").get("key").asText()).isEqualTo(key);
            } finally {
                again.destroy();
                again.waitFor(20, TimeUnit.SECONDS);
            }
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable(@TempDir Path dir) throws Exception {
        Process help = jar(dir, "--help").redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor()).isZero();
        assertThat(text).contains("--host", "HAS_HOST", "--port", "HAS_PORT", "--hive-api", "HAS_HIVE_API",
                "--timeout", "HAS_TIMEOUT", "--key-file", "HAS_KEY_FILE", "--strict-pok", "HAS_STRICT_POK",
                "--http-port", "HAS_HTTP_PORT", "--tls-keystore", "--tls-password", "--max-frame-bytes",
                "--max-pending-per-socket", "--max-pending-mb-per-socket", "HAS_MAX_PENDING_MB_PER_SOCKET",
                "--max-accounts-per-socket", "--rate-limit", "--rate-burst", "--max-connections");
    }

    @Test
    void badSettingsAreReportedInOneLine(@TempDir Path dir) throws Exception {
        Process unknown = jar(dir, "--no-such-option").redirectErrorStream(true).start();
        String usage = new String(unknown.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unknown.waitFor()).isEqualTo(2);
        assertThat(usage).contains("Unknown option: '--no-such-option'");

        Files.writeString(dir.resolve("broken.key"), "not a key\n");
        Process broken = jar(dir, "--port", "0", "--key-file", "broken.key").redirectErrorStream(true).start();
        String error = new String(broken.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(broken.waitFor()).isEqualTo(1);
        assertThat(error).contains("WARN  ServerKeyFile - server key file broken.key is readable by other users")
                .contains("\nhas-server: server key file broken.key does not hold a valid WIF key: ")
                .doesNotContain("Exception", "\tat ");
        assertThat(Files.readString(dir.resolve("broken.key"))).as("never overwritten").isEqualTo("not a key\n");

        ProcessBuilder tooLarge = jar(dir, "--port", "0").redirectErrorStream(true);
        tooLarge.environment().put("HAS_MAX_PENDING_MB", "256");
        tooLarge.environment().put("HAS_MAX_PENDING_MB_PER_SOCKET", "300");
        Process refused = tooLarge.start();
        String limits = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor()).isEqualTo(1);
        assertThat(limits).contains("has-server: --max-pending-mb-per-socket (300) must not exceed --max-pending-mb (256)")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void capsThatDoNotFitTheHeapAreRefusedAtStart_namingTheOptions(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", JAR.toAbsolutePath().toString(), "--port", "0", "--max-pending-mb", "256"));
        Process refused = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(refused.waitFor()).isEqualTo(1);
        assertThat(output).contains("has-server: the memory caps need ").contains("(--max-pending-mb)")
                .contains("lower them or give the JVM more heap").doesNotContain("Exception", "\tat ");
    }
}
