package dev.hiveauth.pksa.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.pksa.Auth;
import dev.hiveauth.protocol.chain.OperationType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storage.json: the reference PKSA's format read unchanged, written back in it, atomically, keeping what it does not know. */
class StorageFileTest {
    private static final String BOB_WITHOUT_AUTHS = "\"auths\": []";
    private static final String BOB_WITH_AN_AUTH =
            "\"auths\": [{\"expire\": 4102444800000, \"key\": \"by-hand\", \"app\": \"ops\"}]";

    @TempDir
    Path dir;

    private Path copyReference() throws IOException {
        for (String name : List.of("storage.json", "keys.json")) {
            try (InputStream in = getClass().getResourceAsStream("/reference-format/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir.resolve("storage.json");
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("storage.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void readsTheReferenceFormatUnchanged() throws IOException {
        StorageFile storage = StorageFile.load(copyReference());
        ServiceConfig config = storage.config();

        assertThat(config.pksaName()).isEqualTo("OurServicePKSA");
        assertThat(config.hasServer()).isEqualTo(URI.create("wss://has.example.org"));
        assertThat(config.authReqSecret()).isEqualTo("n0t-s0-s3cret/but:l0ng-enough");
        assertThat(config.authReqApprove()).isTrue();
        assertThat(config.authReqReject()).isFalse();
        assertThat(config.signReqReject()).isTrue();
        assertThat(config.challengeReqReject()).isFalse();
        assertThat(config.authDuration()).isEqualTo(Duration.ofDays(7));
        assertThat(config.hiveApi()).containsExactly(URI.create("https://api.example.org"));
        assertThat(config.keysFile()).isEqualTo(dir.resolve("keys.json"));
        assertThat(config.hideEncryptedData()).isTrue();
        assertThat(config.signingRules().allowActiveKey()).isFalse();
        assertThat(config.signingRules().allowedOperations()).isNull();
        assertThat(config.signingRules().allowSignOnly()).isTrue();
        assertThat(storage.accountNames()).containsExactly("alice", "bob");
        assertThat(storage.auths("alice")).containsExactly(
                new Auth("alice", "9c1b7a52-34f0-4d7e-8a61-5b0e2f3c9d17", "blog.example", 4102444800000L, 1767348000000L),
                new Auth("alice", "e4a8c2d6-1f3b-4a5c-8d7e-9b0f1a2c3d4e", "old.example", 1634591331195L, null));
        assertThat(storage.auths("bob")).isEmpty();
        assertThat(storage.auths("carol")).isEmpty();
    }

    @Test
    void writesBackInTheReferenceLayoutKeepingUnknownFields() throws IOException {
        Path file = copyReference();
        String before = Files.readString(file);
        StorageFile storage = StorageFile.load(file);

        storage.recordNonce("alice", "9c1b7a52-34f0-4d7e-8a61-5b0e2f3c9d17", 1767348000001L);

        String after = Files.readString(file);
        assertThat(after).isEqualTo(before.replace("1767348000000", "1767348000001"));
    }

    @Test
    void theNewestNonceAndNewAuthenticationsSurviveARestart() throws IOException {
        Path file = copyReference();
        StorageFile storage = StorageFile.load(file);
        storage.recordNonce("alice", "9c1b7a52-34f0-4d7e-8a61-5b0e2f3c9d17", 1767348009999L);
        storage.add(new Auth("bob", "new-key", "app.example", 4102444800000L, null));
        storage.add(new Auth("carol", "carol-key", "app.example", 4102444800000L, null));

        StorageFile reloaded = StorageFile.load(file);

        assertThat(reloaded.auths("alice").get(0).nonce()).isEqualTo(1767348009999L);
        assertThat(reloaded.auths("bob")).containsExactly(new Auth("bob", "new-key", "app.example", 4102444800000L, null));
        assertThat(reloaded.accountNames()).containsExactly("alice", "bob", "carol");
        assertThat(Files.readString(file)).contains("\"ts_expire\": \"2100-01-01 00:00:00.000 \"");
    }

    @Test
    void expiredAuthenticationsArePruned() throws IOException {
        StorageFile storage = StorageFile.load(copyReference());

        storage.removeExpired(Instant.parse("2026-11-22T00:00:00Z").toEpochMilli());

        assertThat(storage.auths("alice")).extracting(Auth::app).containsExactly("blog.example");
        assertThat(StorageFile.load(storage.path()).auths("alice")).hasSize(1);
    }

    @Test
    void aNonceForAnUnknownAuthenticationIsAnError() throws IOException {
        StorageFile storage = StorageFile.load(copyReference());

        assertThatThrownBy(() -> storage.recordNonce("alice", "no-such-key", 5))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEditByHandIsReadBeforeTheNextUse() throws IOException {
        Path file = copyReference();
        StorageFile storage = StorageFile.load(file);
        String edited = Files.readString(file).replace("\"auths\": []", "\"auths\": [{\"expire\": 4102444800000, \"key\": \"by-hand\", \"app\": \"ops\"}]");
        Files.writeString(file, edited);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(storage.auths("bob")).extracting(Auth::key).containsExactly("by-hand");
    }

    @Test
    void aBrokenEditByHandKeepsTheLastGoodState() throws IOException {
        Path file = copyReference();
        StorageFile storage = StorageFile.load(file);
        Files.writeString(file, "{ broken");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(storage.auths("alice")).hasSize(2);
        storage.recordNonce("alice", "9c1b7a52-34f0-4d7e-8a61-5b0e2f3c9d17", 1767348000002L);
        assertThat(StorageFile.load(file).auths("alice").get(0).nonce()).isEqualTo(1767348000002L);
    }

    @Test
    void anEditOfTheSettingsOrAccountsIsHandedOnBeforeTheNextUse_anEditOfAuthenticationsIsNot() throws IOException {
        Path file = copyReference();
        List<StorageEdit> edits = new ArrayList<>();
        StorageFile storage = loadHearingEdits(file, edits);

        editByHand(file, BOB_WITHOUT_AUTHS, BOB_WITH_AN_AUTH);
        storage.auths("bob");
        assertThat(edits).as("authentications apply as read").isEmpty();

        editByHand(file, "\"hive_api\": \"https://api.example.org\"",
                "\"hive_api\": [\"https://node.example.net\", \"https://api.example.org\"]");
        editByHand(file, "\"auth_req_approve\": true", "\"auth_req_approve\": false");
        editByHand(file, "\"name\": \"bob\"", "\"name\": \"carol\"");
        storage.auths("alice");

        assertThat(edits).singleElement().satisfies(edit -> {
            assertThat(edit.changedSettings()).containsExactly("auth_req_approve", "hive_api");
            assertThat(edit.after().hiveApi()).containsExactly(URI.create("https://node.example.net"),
                    URI.create("https://api.example.org"));
            assertThat(edit.accountsBefore()).containsExactly("alice", "bob");
            assertThat(edit.accountsAfter()).containsExactly("alice", "carol");
        });
        assertThat(storage.config().hiveApi()).hasSize(2);
    }

    @Test
    void settingsEditedIntoSomethingUnusableAreKept_theAuthenticationsEditedWithThemAreRead() throws IOException {
        Path file = copyReference();
        List<StorageEdit> edits = new ArrayList<>();
        StorageFile storage = loadHearingEdits(file, edits);

        editByHand(file, "\"hive_api\": \"https://api.example.org\"", "\"hive_api\": 5");
        editByHand(file, BOB_WITHOUT_AUTHS, BOB_WITH_AN_AUTH);

        assertThat(storage.auths("bob")).extracting(Auth::key).containsExactly("by-hand");
        assertThat(storage.config().hiveApi()).containsExactly(URI.create("https://api.example.org"));
        assertThat(edits).isEmpty();
    }

    private static StorageFile loadHearingEdits(Path file, List<StorageEdit> edits) {
        StorageFile storage = StorageFile.load(file);
        storage.onEdit(edits::add);
        return storage;
    }

    private static void editByHand(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
        // later than the wallet's last write, whatever the file system's clock resolution
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    }

    @Test
    void keepsTheFilePermissionsAndLeavesNoTemporaryFile() throws IOException {
        Path file = copyReference();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        StorageFile storage = StorageFile.load(file);

        storage.add(new Auth("bob", "k", "a", 4102444800000L, null));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("storage.json", "keys.json");
        }
    }

    @Test
    void temporaryFilesLeftByACrashAreRemoved() throws IOException {
        Path file = copyReference();
        Files.writeString(dir.resolve(".storage.json.123456.tmp"), "{\"half\": ");

        StorageFile.load(file);

        assertThat(dir.resolve(".storage.json.123456.tmp")).doesNotExist();
    }

    @Test
    void hiveApiMayBeAListAndDefaultsToPublicNodes() throws IOException {
        String list = "{\"has_server\":\"ws://h\",\"hive_api\":[\"https://a.example\",\"http://b.example:8091\"]}";
        assertThat(StorageFile.load(write(list)).config().hiveApi())
                .containsExactly(URI.create("https://a.example"), URI.create("http://b.example:8091"));

        assertThat(StorageFile.load(write("{\"has_server\":\"ws://h\"}")).config().hiveApi())
                .isEqualTo(ServiceConfig.DEFAULT_HIVE_API);
    }

    @Test
    void defaultsAreTheReferenceDefaults() throws IOException {
        ServiceConfig config = StorageFile.load(write("{\"has_server\":\"ws://h\",\"auth_req_secret\":\"\"}")).config();

        assertThat(config.pksaName()).isEqualTo("has-pksa");
        assertThat(config.authReqSecret()).isNull();
        assertThat(config.authReqApprove()).isFalse();
        assertThat(config.authDuration()).isEqualTo(Duration.ofDays(1));
        assertThat(config.keysFile()).isEqualTo(dir.resolve("keys.json"));
        assertThat(config.hideEncryptedData()).isFalse();
    }

    @Test
    void theOlderTokenTimeoutNameAndZeroDaysAreUnderstood() throws IOException {
        assertThat(StorageFile.load(write("{\"has_server\":\"ws://h\",\"token_timeout_days\":0.5}")).config().authDuration())
                .isEqualTo(Duration.ofHours(12));
        assertThat(StorageFile.load(write("{\"has_server\":\"ws://h\",\"auth_timeout_days\":0}")).config().authDuration())
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void readsThisProjectsOwnSettings() throws IOException {
        ServiceConfig config = StorageFile.load(write("{\"has_server\":\"ws://h\",\"allow_active_key\":true,"
                + "\"allowed_operations\":[\"vote\",\"custom_json\"],\"allow_sign_only\":false,\"keys\":\"/etc/k.json\"}")).config();

        assertThat(config.signingRules().allowActiveKey()).isTrue();
        assertThat(config.signingRules().allowedOperations()).isEqualTo(Set.of(OperationType.VOTE, OperationType.CUSTOM_JSON));
        assertThat(config.signingRules().allowSignOnly()).isFalse();
        assertThat(config.keysFile()).isEqualTo(Path.of("/etc/k.json"));
    }

    @Test
    void neverShowsTheSecret() throws IOException {
        assertThat(StorageFile.load(copyReference()).config().toString())
                .doesNotContain("n0t-s0-s3cret").contains("auth_req_secret=<hidden>");
    }

    @Test
    void explainsWhatIsWrong() throws IOException {
        assertProblem("{\"pksa_name\":\"x\"}", "storage.json.has_server is required");
        assertProblem("{\"has_server\":\"https://h\"}", "storage.json.has_server must be a ws:// or wss:// URL");
        assertProblem("{\"has_server\":\"ws://h\",\"auth_req_approve\":\"yes\"}", "storage.json.auth_req_approve must be true or false");
        assertProblem("{\"has_server\":\"ws://h\",\"hive_api\":[]}", "storage.json.hive_api must be a URL or a non-empty list");
        assertProblem("{\"has_server\":\"ws://h\",\"hive_api\":\"ftp://x\"}", "must hold http:// or https:// URLs");
        assertProblem("{\"has_server\":\"ws://h\",\"allowed_operations\":[\"vot\"]}", "names an unknown operation \"vot\"");
        assertProblem("{\"has_server\":\"ws://h\",\"auth_timeout_days\":-1}", "auth_timeout_days must be a number of days");
        assertProblem("{\"has_server\":\"ws://h\",\"accounts\":{}}", "storage.json.accounts must be a list");
        assertProblem("{\"has_server\":\"ws://h\",\"accounts\":[{\"name\":\"Alice\"}]}", "storage.json.accounts[0].name:");
        assertProblem("{\"has_server\":\"ws://h\",\"accounts\":[{\"name\":\"alice\"},{\"name\":\"alice\"}]}", "listed twice");
        assertProblem("{\"has_server\":\"ws://h\",\"accounts\":[{\"name\":\"alice\",\"auths\":[{\"key\":\"k\"}]}]}",
                "storage.json.accounts[0].auths[0].expire is required");
        assertProblem("{\"has_server\":\"ws://h\",\"accounts\":[{\"name\":\"alice\",\"auths\":[{\"expire\":1.5,\"key\":\"k\"}]}]}",
                "expire must be a whole number");
        assertProblem("[]", "storage.json must hold a JSON object");
    }

    @Test
    void aFileThatIsNotJsonIsReportedWithoutQuotingIt() throws IOException {
        Path file = write("{\"auth_req_secret\": \"top-secret-value\" \"has_server\": 1}");

        assertThatThrownBy(() -> StorageFile.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("storage.json is not valid JSON")
                .hasMessageContaining("line 1")
                .hasMessageNotContaining("top-secret-value");
        assertThatThrownBy(() -> StorageFile.load(dir.resolve("missing.json"))).hasMessageEndingWith("missing.json: no such file");
    }

    private void assertProblem(String json, String message) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> StorageFile.load(file)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).isEqualTo(json); // never rewritten
    }
}
