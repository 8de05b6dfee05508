package dev.hiveauth.it.durability;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.SignRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.app.Auth;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.pksa.service.StorageFile;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ErrorText;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.AcceptedTransaction;
import dev.hiveauth.protocol.testing.AccountKeys;
import dev.hiveauth.protocol.testing.FakeHiveNode;
import dev.hiveauth.server.HasServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service wallet's state file survives SIGKILL: the runnable jar serves alice against the relay and a fake
 * node in this JVM while an application keeps it writing (new logins, nonces of signed votes), and is killed again
 * and again — at random moments, and right as it takes a signing request, when the nonce is being written — then
 * started again on the same file. After every kill the file must load, and hold every login and at least the
 * nonce of every vote the application was told about; after the last restart the stored authentication still
 * signs, and a vote captured at the start is still refused as a replay.
 *
 * <p>The clocks are the system's here: a child process cannot share a hand-moved one, and nothing in this test
 * waits for an expiry.
 */
class PksaKilledMidWriteIT {
    private static final String SECRET = "durability secret";
    private static final int KILLS = 8;
    private static final long SEED = 20261122L;
    /** Authentications other applications were granted earlier: a realistic file, slow enough to be cut mid-write. */
    private static final int EARLIER_AUTHS = 400;
    private static final int IN_FLIGHT = 4;

    @TempDir
    Path dir;

    private final FakeHiveNode node = FakeHiveNode.start(Clock.systemUTC());
    private final AccountKeys alice = node.createAccount("alice");
    private final HasServer server = HasServer.builder().host("127.0.0.1").port(0).hiveNodes(List.of(node.uri()))
            .build().start();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private PksaServiceProcess wallet;

    @AfterEach
    void close() throws Exception {
        if (wallet != null) {
            wallet.close();
        }
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        server.stop();
        node.close();
    }

    @Test
    void killedAgainAndAgain_theStateFileAlwaysLoads_andTheStoredAuthenticationKeepsWorking() throws IOException {
        Path storage = writeConfiguration();
        wallet = PksaServiceProcess.start(storage, "alice");
        HasClient app = HasClient.builder().server(server.uri().toString()).authKeySecret(SECRET).build();
        opened.add(app);
        Auth auth = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice")
                .app(new AuthReqData.App("durability.example")).build())).auth();
        StateWritingApp load = new StateWritingApp(server.uri(), SECRET, auth.authKey());
        opened.add(load);
        String captured = load.vote();
        await().until(() -> load.highestSignedNonce() > 0);

        Random random = new Random(SEED);
        WriteWatcher writes = new WriteWatcher(dir);
        opened.add(writes);
        int cutMidWrite = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            if (kill % 2 == 0) {
                int answers = load.answered() + 1 + random.nextInt(8); // a random moment, with requests in flight
                load.keepBusyUntil(() -> load.answered() >= answers, IN_FLIGHT);
            } else {
                PksaServiceProcess writing = wallet; // the moment it starts writing its state file
                writes.onNextWrite(writing::kill);
                load.keepBusyUntil(writes::fired, IN_FLIGHT);
            }
            wallet.kill();
            cutMidWrite += temporaryFiles(storage) > 0 ? 1 : 0;
            theFileLoadsAndKeepsWhatTheAppWasTold(storage, auth, load);
            wallet = PksaServiceProcess.start(storage, "alice");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> load.inFlight() == 0); // the last wallet answered the rest

        // nonces are the wall clock's milliseconds: the app's next one must be above the load's last
        await().until(() -> System.currentTimeMillis() > load.lastNonce());
        SignResult afterTheKills = Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "after-the-kills")).build()));
        assertThat(node.chain().accepted(afterTheKills.txid())).isPresent();
        JsonNode replayed = replay(captured);
        assertThat(replayed.get("cmd").asText()).isEqualTo("sign_err");
        assertThat(ErrorText.read(replayed.get("error").asText(), auth.authKey())).contains("refused as a replay");

        assertThat(cutMidWrite).as("kills that landed inside a write (a temporary file was left)").isPositive();
        List<AcceptedTransaction> onChain = node.chain().accepted();
        assertThat(onChain).extracting(AcceptedTransaction::id).as("every transaction the app was told of")
                .containsAll(load.broadcast());
        assertThat(onChain).extracting(tx -> tx.operations().get(0).string("permlink")).as("no vote broadcast twice")
                .doesNotHaveDuplicates();
        System.out.printf("state file: %d kills, %d cut a write short (a temporary file was left), %d logins and %d "
                        + "votes confirmed to the app, %d transactions on chain%n", KILLS, cutMidWrite,
                load.approvedLogins().size(), load.broadcast().size(), onChain.size());
    }

    private void theFileLoadsAndKeepsWhatTheAppWasTold(Path storage, Auth auth, StateWritingApp load) {
        StorageFile state = StorageFile.load(storage); // throws on a torn or half-written file
        List<dev.hiveauth.pksa.Auth> auths = state.auths("alice");
        assertThat(auths).extracting(dev.hiveauth.pksa.Auth::key)
                .contains(auth.authKey())
                .containsAll(load.approvedLogins());
        assertThat(auths).hasSizeGreaterThanOrEqualTo(EARLIER_AUTHS + 1 + load.approvedLogins().size());
        Long recorded = auths.stream().filter(stored -> stored.key().equals(auth.authKey())).findFirst().orElseThrow()
                .nonce();
        assertThat(recorded).as("the nonce of every vote the app was told about is kept")
                .isNotNull()
                .isGreaterThanOrEqualTo(load.highestSignedNonce())
                .isLessThanOrEqualTo(load.lastNonce());
    }

    private JsonNode replay(String frame) {
        try (WirePeer attacker = WirePeer.connect(server.uri())) {
            attacker.await("connected");
            attacker.send(frame);
            String uuid = attacker.await("sign_wait").get("uuid").asText();
            return attacker.awaitAnswer(uuid);
        }
    }

    private long temporaryFiles(Path storage) throws IOException {
        try (Stream<Path> files = Files.list(storage.getParent())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    private Path writeConfiguration() throws IOException {
        StringBuilder auths = new StringBuilder();
        for (int i = 0; i < EARLIER_AUTHS; i++) {
            auths.append(i == 0 ? "" : ",\n").append("{\"expire\": 4102444800000, \"key\": \"earlier-").append(i)
                    .append("-").append(java.util.UUID.randomUUID()).append("\", \"app\": \"earlier-").append(i)
                    .append(".example\"}");
        }
        Path keys = Files.writeString(dir.resolve("keys.json"), "[{\"name\": \"alice\", \"posting\": \""
                + alice.posting().toWif() + "\", \"memo\": \"" + alice.memo().toWif() + "\"}]\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        Path storage = Files.writeString(dir.resolve("storage.json"), "{\n\"pksa_name\": \"durability-it\",\n"
                + "\"has_server\": \"" + server.uri() + "\",\n\"hive_api\": [\"" + node.uri() + "\"],\n"
                + "\"auth_req_secret\": \"" + SECRET + "\",\n\"auth_req_approve\": true,\n\"keys\": \"keys.json\",\n"
                + "\"accounts\": [{\"name\": \"alice\", \"auths\": [\n" + auths + "\n]}]\n}\n");
        Files.setPosixFilePermissions(storage, PosixFilePermissions.fromString("rw-------"));
        return storage;
    }
}
