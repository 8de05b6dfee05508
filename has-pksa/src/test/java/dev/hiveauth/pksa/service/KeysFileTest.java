package dev.hiveauth.pksa.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.pksa.KeyStore;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.payload.KeyType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keys.json: the reference format, every key checked, no key ever in an error message. */
class KeysFileTest {
    private static final String ALICE_POSTING = "5J7FQ39VqFjMQ3KSyftzr2FrR4gksziCzkEdiH6jThnXWaAWhsn";

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void readsTheReferenceFormat() throws IOException {
        Path file = dir.resolve("keys.json");
        try (InputStream in = getClass().getResourceAsStream("/reference-format/keys.json")) {
            Files.copy(in, file);
        }

        KeyStore keys = KeysFile.load(file);

        assertThat(keys.accounts()).containsExactly("alice", "bob");
        assertThat(keys.key("alice", KeyType.POSTING)).contains(PrivateKey.fromSeed("alice-posting"));
        assertThat(keys.key("alice", KeyType.ACTIVE)).contains(PrivateKey.fromSeed("alice-active"));
        assertThat(keys.key("alice", KeyType.MEMO)).contains(PrivateKey.fromSeed("alice-memo"));
        assertThat(keys.key("bob", KeyType.ACTIVE)).isEmpty();
        assertThat(keys.key("bob", KeyType.MEMO)).contains(PrivateKey.fromSeed("bob-memo"));
    }

    @Test
    void emptyKeysAndOtherFieldsAreNotKeys() throws IOException {
        KeyStore keys = KeysFile.load(write("[{\"name\":\"alice\",\"posting\":\"" + ALICE_POSTING
                + "\",\"active\":\"\",\"memo\":null,\"owner\":\"whatever\"}]"));

        assertThat(keys.key("alice", KeyType.POSTING)).isPresent();
        assertThat(keys.key("alice", KeyType.ACTIVE)).isEmpty();
        assertThat(keys.key("alice", KeyType.MEMO)).isEmpty();
    }

    @Test
    void anInvalidKeyIsNamedButNeverShown() throws IOException {
        String broken = ALICE_POSTING.substring(0, 50) + "X";
        Path file = write("[{\"name\":\"bob\",\"posting\":\"" + ALICE_POSTING + "\"},{\"name\":\"alice\",\"active\":\"" + broken + "\"}]");

        assertThatThrownBy(() -> KeysFile.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("keys.json[1] (alice): active is not a valid private key")
                .hasMessageNotContaining(broken).hasMessageNotContaining(ALICE_POSTING);
    }

    @Test
    void explainsWhatIsWrong() throws IOException {
        Path notJson = write("[{\"name\":\"alice\",\"posting\":\"" + ALICE_POSTING + "\",}");
        assertThatThrownBy(() -> KeysFile.load(notJson)).hasMessageStartingWith("keys.json is not valid JSON: line 1, ")
                .hasMessageEndingWith("where a field name in double quotes should be (a comma too many, or single quotes?)")
                .hasMessageNotContaining(ALICE_POSTING);
        Path object = write("{\"alice\":{}}");
        assertThatThrownBy(() -> KeysFile.load(object)).hasMessageContaining("must hold a list");
        Path twice = write("[{\"name\":\"alice\"},{\"name\":\"alice\"}]");
        assertThatThrownBy(() -> KeysFile.load(twice)).hasMessageContaining("keys.json[1] (alice): the account is listed twice");
        Path noName = write("[{\"posting\":\"" + ALICE_POSTING + "\"}]");
        assertThatThrownBy(() -> KeysFile.load(noName)).hasMessage("keys.json[0].name is required");
        assertThatThrownBy(() -> KeysFile.load(dir.resolve("nope.json"))).hasMessageContaining("no such file");
    }

    @Test
    void warnsWhenOtherUsersCanReadTheFile() throws IOException {
        Path file = write("[]");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(KeysFile.readableByOthers(file)).hasValueSatisfying(warning ->
                assertThat(warning).contains("can be read by other users").contains("chmod 600"));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(KeysFile.readableByOthers(file)).isEmpty();
    }
}
