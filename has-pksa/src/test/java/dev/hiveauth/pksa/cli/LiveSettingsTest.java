package dev.hiveauth.pksa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.pksa.ApprovalPolicy;
import dev.hiveauth.pksa.Decision;
import dev.hiveauth.pksa.fixtures.FakeHiveNode;
import dev.hiveauth.pksa.fixtures.LogCapture;
import dev.hiveauth.pksa.fixtures.PksaFixture;
import dev.hiveauth.pksa.fixtures.TestAccount;
import dev.hiveauth.pksa.service.StorageFile;
import dev.hiveauth.protocol.message.Reply;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.SignReqData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given the service wallet on storage.json, signing through the Hive node its {@code hive_api} names, when an operator
 * edits the file while it runs: a new {@code hive_api} applies to the next transaction; other settings and the
 * accounts wait for a restart, and the log says so.
 */
class LiveSettingsTest {
    private static final String VOTE =
            "[[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"hello\",\"weight\":10000}]]";

    @TempDir
    Path dir;

    private FakeHiveNode nodeA;
    private FakeHiveNode nodeB;
    private Path file;
    private PksaFixture given;
    private String authKey;
    private long nonce = 1_700_000_000_000L;

    @BeforeEach
    void start() throws Exception {
        nodeA = new FakeHiveNode(Clock.systemUTC());
        nodeB = new FakeHiveNode(Clock.systemUTC());
        nodeA.account(TestAccount.ALICE.onChain());
        nodeB.account(TestAccount.ALICE.onChain());
        file = Files.writeString(dir.resolve("storage.json"), "{\"has_server\": \"ws://127.0.0.1:1/\", \"hive_api\": \""
                + nodeA.uri() + "\", \"accounts\": [{\"name\": \"alice\", \"auths\": []}]}");
        StorageFile storage = StorageFile.load(file);
        given = PksaFixture.start(Map.of("alice", TestAccount.ALICE.keys(KeyType.POSTING)), storage, wallet -> wallet
                .policy(ApprovalPolicy.always(Decision.APPROVE))
                .hive(LiveSettings.hiveClient(storage.config().hiveApi())));
        storage.onEdit(new LiveSettings(given.pksa, file));
        given.connected("alice");
        authKey = given.granted("alice", "peakd.com");
    }

    @AfterEach
    void stop() throws IOException {
        given.close();
        nodeA.close();
        nodeB.close();
    }

    @Test
    void whenHiveApiIsEdited_theNextTransactionIsBroadcastToTheNewNode() throws Exception {
        assertThat(signAVote()).isInstanceOf(SignAck.class);
        assertThat(nodeA.accepted()).hasSize(1);

        try (LogCapture log = LogCapture.of(LiveSettings.class)) {
            editByHand("\"hive_api\": \"" + nodeA.uri() + "\"", "\"hive_api\": [\"" + nodeB.uri() + "\"]");

            assertThat(signAVote()).isInstanceOf(SignAck.class);

            assertThat(log.lines()).containsExactly("INFO storage.json: hive_api changed: transactions are now built "
                    + "on and broadcast to [" + nodeB.uri() + "]");
        }
        assertThat(nodeB.accepted()).hasSize(1);
        assertThat(nodeA.accepted()).as("no longer asked").hasSize(1);
    }

    @Test
    void whenOtherSettingsOrTheAccountsAreEdited_theLogSaysARestartAppliesThem() throws Exception {
        try (LogCapture log = LogCapture.of(LiveSettings.class)) {
            editByHand("\"has_server\": \"ws://127.0.0.1:1/\"", "\"has_server\": \"ws://127.0.0.1:2/\", "
                    + "\"auth_req_approve\": true");
            editByHand("\"accounts\": [", "\"accounts\": [{\"name\": \"carol\", \"auths\": []}, ");

            assertThat(signAVote()).as("the service goes on as it started").isInstanceOf(SignAck.class);

            assertThat(log.lines()).containsExactly("WARN storage.json: has_server, auth_req_approve, accounts "
                    + "changed: restart has-pksa to apply them (until then it runs as it started)");
        }
        assertThat(nodeA.accepted()).hasSize(1);
    }

    private Reply signAVote() throws Exception {
        SignReqData data = new SignReqData(KeyType.POSTING, new ObjectMapper().readTree(VOTE), true, ++nonce);
        Wait wait = given.app.send(new SignReq("alice", data.encrypt(authKey), null));
        return given.app.replyTo(wait.uuid());
    }

    private void editByHand(String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
        // later than the wallet's last write, whatever the file system's clock resolution
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    }
}
