package dev.hiveauth.pksa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.pksa.fixtures.FakeHiveNode;
import dev.hiveauth.pksa.fixtures.ScriptedApp;
import dev.hiveauth.pksa.fixtures.TestAccount;
import dev.hiveauth.protocol.message.AuthAck;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.ServiceAuthKey;
import dev.hiveauth.protocol.payload.SignReqData;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as an operator runs it ({@code java -jar has-pksa/target/has-pksa.jar --config storage.json}),
 * against a relay and a fake node in this JVM: it registers, approves a service-mode authentication, signs and
 * broadcasts, and writes its state back; with {@code --interactive} it asks on stdin.
 */
class HasPksaJarIT {
    private static final Path JAR = Path.of("target", "has-pksa.jar");
    private static final String SECRET = "jar-it-secret";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private FakeHiveNode node;
    private HasServer server;
    private Process process;
    private Path stderr;
    private Path stdout;

    @BeforeEach
    void start() throws IOException {
        node = new FakeHiveNode(Clock.systemUTC());
        node.account(TestAccount.ALICE.onChain());
        server = HasServer.builder().host("127.0.0.1").port(0).strictPok(true)
                .accountKeys(AccountKeys.of(Map.of("alice", TestAccount.ALICE.publicKeys()))).build().start();
        Files.writeString(dir.resolve("storage.json"), "{\n\t\"pksa_name\": \"jar-it\",\n\t\"auth_req_secret\": \"" + SECRET
                + "\",\n\t\"auth_req_approve\": true,\n\t\"has_server\": \"" + server.uri() + "\",\n\t\"hive_api\": [\""
                + node.uri() + "\"],\n\t\"accounts\": [{\"name\": \"alice\", \"auths\": []}]\n}\n");
        Path keys = Files.writeString(dir.resolve("keys.json"), "[{\"name\": \"alice\", \"posting\": \""
                + TestAccount.ALICE.posting().toWif() + "\"}]");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        stderr = dir.resolve("stderr.log");
        stdout = dir.resolve("stdout.log");
    }

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        server.stop();
        node.close();
    }

    private Process launch(String... options) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString(),
                "--config", dir.resolve("storage.json").toString()));
        command.addAll(List.of(options));
        process = new ProcessBuilder(command).redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
        await().atMost(WAIT).until(() -> Files.readString(stderr).contains("alice registered"));
        return process;
    }

    @Test
    void helpWorksFromTheJar() throws Exception {
        Process help = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "--help").redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(help.waitFor()).isZero();
        assertThat(text).startsWith("Usage: has-pksa");
    }

    @Test
    void servesAnApplicationFromStorageJsonAndWritesTheStateBack() throws Exception {
        launch("--verbose");
        String authKey = UUID.randomUUID().toString();
        try (ScriptedApp app = ScriptedApp.connect(server.uri())) {
            Wait auth = app.send(new AuthReq("alice", new AuthReqData(new AuthReqData.App("it.example")).encrypt(authKey),
                    ServiceAuthKey.wrap(authKey, SECRET), null, null, null));
            AuthAck ack = (AuthAck) app.replyTo(auth.uuid());
            assertThat(AuthAckData.decrypt(ack.data(), authKey)).isPresent();
            assertThat(Files.readString(dir.resolve("storage.json"))).contains("\"key\": \"" + authKey + "\"", "\"app\": \"it.example\"");

            SignReqData vote = new SignReqData(KeyType.POSTING, new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    "[[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"p\",\"weight\":100}]]"), true, 123456L);
            Wait sign = app.send(new SignReq("alice", vote.encrypt(authKey), null));
            SignAck signed = (SignAck) app.replyTo(sign.uuid());
            assertThat(node.accepted()).extracting(tx -> tx.id()).containsExactly(signed.txid());
        }
        assertThat(Files.readString(dir.resolve("storage.json"))).contains("\"nonce\": 123456");
        String log = Files.readString(stderr);
        assertThat(log).contains("[SEND ", "\"cmd\":\"register_req\"", "\"auth_key\":\"<...>\"");
        assertThat(log).doesNotContain(authKey).doesNotContain(SECRET).doesNotContain(TestAccount.ALICE.posting().toWif());
    }

    @Test
    void interactiveApprovalReadsTheTerminal() throws Exception {
        launch("--interactive", "--approval-timeout", "20");
        String authKey = UUID.randomUUID().toString();
        try (ScriptedApp app = ScriptedApp.connect(server.uri())) {
            Wait auth = app.send(new AuthReq("alice", new AuthReqData(new AuthReqData.App("asks.example")).encrypt(authKey),
                    ServiceAuthKey.wrap(authKey, SECRET), null, null, null));
            await().atMost(WAIT).until(() -> Files.readString(stdout).contains("Approve? [y/n]"));
            assertThat(Files.readString(stdout)).contains("== Authentication request ==", "\"asks.example\"", "alice");

            OutputStream keyboard = process.getOutputStream();
            keyboard.write("y\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();

            assertThat(app.replyTo(auth.uuid())).isInstanceOf(AuthAck.class);
        }
    }
}
