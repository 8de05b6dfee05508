package dev.hiveauth.pksa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.pksa.fixtures.ScriptedRelay;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The has-pksa command line: help, clear errors, exit codes. */
class HasPksaCommandTest {
    private static final String ALICE_POSTING = "5J7FQ39VqFjMQ3KSyftzr2FrR4gksziCzkEdiH6jThnXWaAWhsn";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return HasPksaCommand.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path config(String storage, String keys) throws IOException {
        Files.writeString(dir.resolve("keys.json"), keys);
        return Files.writeString(dir.resolve("storage.json"), storage);
    }

    @Test
    void helpExplainsTheOptionsAndExitCodes() {
        assertThat(run("--help")).isZero();

        assertThat(out()).contains("Usage: has-pksa", "--config=FILE", "--interactive", "--approval-timeout=SECONDS",
                "storage.json", "Exit codes:", "3   the relay speaks a newer HAS protocol");
        assertThat(err()).isEmpty();
    }

    @Test
    void aBadCommandLineExitsWith2() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err()).contains("has-pksa: Unknown option: '--bogus'", "Try 'has-pksa --help'.");

        assertThat(run("--approval-timeout", "soon")).isEqualTo(2);
        assertThat(run("--approval-timeout", "0")).isEqualTo(2);
        assertThat(err()).contains("--approval-timeout must be a positive number of seconds");
    }

    @Test
    void aMissingConfigurationExitsWith1() {
        assertThat(run("--config", dir.resolve("nope.json").toString())).isEqualTo(1);
        assertThat(err()).startsWith("has-pksa: ").contains("nope.json: no such file");
    }

    @Test
    void anInvalidStorageFileExitsWith1AndSaysWhy() throws IOException {
        Path storage = config("{\"has_server\": \"http://wrong\"}", "[]");

        assertThat(run("--config", storage.toString())).isEqualTo(1);
        assertThat(err()).contains("has-pksa: storage.json.has_server must be a ws:// or wss:// URL");
    }

    @Test
    void anInvalidKeyExitsWith1WithoutShowingIt() throws IOException {
        String broken = ALICE_POSTING.replace('J', 'K');
        Path storage = config("{\"has_server\": \"ws://127.0.0.1:9\", \"accounts\": [{\"name\": \"alice\", \"auths\": []}]}",
                "[{\"name\": \"alice\", \"posting\": \"" + broken + "\"}]");

        assertThat(run("--config", storage.toString())).isEqualTo(1);
        assertThat(err()).contains("keys.json[0] (alice): posting is not a valid private key").doesNotContain(broken);
    }

    @Test
    void nothingToServeExitsWith1() throws IOException {
        Path storage = config("{\"has_server\": \"ws://127.0.0.1:9\", \"accounts\": [{\"name\": \"bob\"}]}",
                "[{\"name\": \"alice\", \"posting\": \"" + ALICE_POSTING + "\"}]");

        assertThat(run("--config", storage.toString())).isEqualTo(1);
        assertThat(err()).contains("no account to serve");
    }

    @Test
    void aRelayWithANewerProtocolExitsWith3() throws IOException {
        try (ScriptedRelay relay = new ScriptedRelay(
                "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"future\",\"protocol\":2}")) {
            Path storage = config("{\"has_server\": \"" + relay.uri() + "\", \"accounts\": [{\"name\": \"alice\"}]}",
                    "[{\"name\": \"alice\", \"posting\": \"" + ALICE_POSTING + "\"}]");

            assertThat(run("--config", storage.toString())).isEqualTo(3);
        }
    }
}
