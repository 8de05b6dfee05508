package dev.hiveauth.pksa.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.pksa.KeyStore;
import dev.hiveauth.protocol.chain.AccountName;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.json.JsonSyntax;
import dev.hiveauth.protocol.payload.KeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference service PKSA's {@code keys.json}: {@code [{name, posting?, active?, memo?}]}, private keys as
 * WIF. Every key is checked when the file is read; errors name the account and the key type, never the key.
 */
public final class KeysFile {
    private static final Logger LOG = LoggerFactory.getLogger(KeysFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeysFile() {
    }

    /**
     * The keys in the file, accounts in the file's order. Warns (in the log) when other users may read it.
     *
     * @throws ConfigException saying what is wrong, e.g. {@code keys.json[1] (bob): posting is not a valid
     *     private key: the private key (WIF) is mistyped: its checksum does not match}
     */
    public static KeyStore load(Path path) {
        String name = path.getFileName().toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new ConfigException(path + ": no such file (the keys file named by \"keys\" in the storage file)");
        } catch (JsonProcessingException e) {
            // in words, never e.getMessage(): it may quote the file, keys included
            throw new ConfigException(name + " is not valid JSON: " + JsonSyntax.describe(e));
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new ConfigException(name + " must hold a list of {\"name\", \"posting\", \"active\", \"memo\"} objects");
        }
        readableByOthers(path).ifPresent(LOG::warn);
        Map<String, Map<KeyType, PrivateKey>> keys = new LinkedHashMap<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String at = name + "[" + i + "]";
            if (!entry.isObject()) {
                throw new ConfigException(at + " must be an object {\"name\", \"posting\", \"active\", \"memo\"}");
            }
            String account = new ConfigFields(entry, at).string("name");
            AccountName.problem(account).ifPresent(problem -> {
                throw new ConfigException(at + ".name: " + problem);
            });
            String where = at + " (" + account + ")";
            if (keys.containsKey(account)) {
                throw new ConfigException(where + ": the account is listed twice");
            }
            keys.put(account, readKeys(entry, where));
        }
        return KeyStore.of(keys);
    }

    private static Map<KeyType, PrivateKey> readKeys(JsonNode entry, String where) {
        ConfigFields f = new ConfigFields(entry, where);
        Map<KeyType, PrivateKey> byType = new EnumMap<>(KeyType.class);
        for (KeyType type : KeyType.values()) {
            String wif = f.optionalString(type.jsonName());
            if (wif == null || wif.isEmpty()) {
                continue; // the reference treats an empty key as no key
            }
            try {
                byType.put(type, PrivateKey.fromWif(wif));
            } catch (IllegalArgumentException e) {
                // PrivateKey's messages never include the key
                throw new ConfigException(where + ": " + type.jsonName() + " is not a valid private key: " + e.getMessage());
            }
        }
        for (Iterator<String> fields = entry.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("name") && KeyType.fromJson(field).isEmpty()) {
                LOG.warn("{}: \"{}\" is not used (only posting, active and memo keys are)", where, field);
            }
        }
        if (byType.isEmpty()) {
            LOG.warn("{}: no key: the account cannot be registered", where);
        }
        return byType;
    }

    /** A warning when users other than the owner may read the file (POSIX file systems only). */
    public static Optional<String> readableByOthers(Path path) {
        try {
            if (!Files.getFileStore(path).supportsFileAttributeView("posix")) {
                return Optional.empty();
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.GROUP_READ)) {
                return Optional.of(path + " holds secrets and can be read by other users: restrict it with chmod 600 "
                        + path.getFileName());
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot check the permissions of {}: {}", path, e.toString());
        }
        return Optional.empty();
    }
}
