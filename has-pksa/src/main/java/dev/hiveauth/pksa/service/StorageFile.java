package dev.hiveauth.pksa.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.pksa.Auth;
import dev.hiveauth.pksa.AuthStore;
import dev.hiveauth.protocol.chain.AccountName;
import dev.hiveauth.protocol.json.JsonSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference service PKSA's {@code storage.json}, read and written in its format: settings
 * ({@link ServiceConfig}) and {@code accounts[{name, auths[{expire, key, app, nonce?}]}]}. Fields this class
 * does not know (the reference's {@code ts_create}, {@code ts_expire}, {@code token}…) are kept as they are.
 * Every change is written back atomically before the method returns; a file edited by hand while the PKSA
 * runs is read again before the next use (as the reference reads it on every request): its authentications apply at
 * once, and an edit of the settings or of the accounts listed is handed to {@link #onEdit} to apply what it can.
 */
public final class StorageFile implements AuthStore {
    private static final Logger LOG = LoggerFactory.getLogger(StorageFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter READABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS ").withZone(ZoneOffset.UTC);

    private final Path path;
    private ObjectNode root;
    private ServiceConfig config;
    private Object seenVersion;
    private Consumer<StorageEdit> onEdit = edit -> { };

    private StorageFile(Path path) {
        this.path = path;
    }

    /**
     * Reads and checks a storage file (temporary files an interrupted write left are removed).
     *
     * @throws ConfigException saying what is wrong, e.g. {@code storage.json: accounts[0].name is required}
     */
    public static StorageFile load(Path path) {
        StorageFile file = new StorageFile(path);
        AtomicFile.removeLeftovers(path);
        file.root = read(path);
        file.config = ServiceConfig.read(file.root, path);
        file.seenVersion = version(path);
        return file;
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** The settings, as last read: at {@link #load}, then at each hand edit that changed them. */
    public synchronized ServiceConfig config() {
        return config;
    }

    /**
     * Who hears of a hand edit of the settings or of the accounts listed, on the thread that noticed it, before that
     * thread uses the file: what the edit changes can be applied before the request that came after it.
     */
    public synchronized void onEdit(Consumer<StorageEdit> listener) {
        this.onEdit = Objects.requireNonNull(listener, "listener");
    }

    /** The names of {@code accounts[]}, in the file's order: the accounts the service manages. */
    public synchronized List<String> accountNames() {
        refresh();
        return names();
    }

    @Override
    public synchronized List<Auth> auths(String account) {
        refresh();
        ObjectNode entry = account(account);
        if (entry == null) {
            return List.of();
        }
        List<Auth> auths = new ArrayList<>();
        entry.withArray("auths").forEach(auth -> auths.add(toAuth(account, auth)));
        return auths;
    }

    @Override
    public synchronized void add(Auth auth) {
        refresh();
        ObjectNode entry = account(auth.account());
        if (entry == null) {
            entry = ((ArrayNode) root.get("accounts")).addObject();
            entry.put("name", auth.account());
            entry.putArray("auths");
        }
        ObjectNode stored = entry.withArray("auths").addObject();
        stored.put("expire", auth.expire());
        stored.put("key", auth.key());
        stored.put("app", auth.app());
        if (auth.nonce() != null) {
            stored.put("nonce", auth.nonce());
        }
        // human-readable dates, as the reference writes them, for operators reading the file
        stored.put("ts_create", readableDate(Instant.now()));
        stored.put("ts_expire", readableDate(Instant.ofEpochMilli(auth.expire())));
        save();
    }

    @Override
    public synchronized void recordNonce(String account, String key, long nonce) {
        refresh();
        ObjectNode entry = account(account);
        boolean changed = false;
        if (entry != null) {
            for (JsonNode auth : entry.withArray("auths")) {
                if (key.equals(auth.path("key").textValue())) {
                    ((ObjectNode) auth).put("nonce", nonce);
                    changed = true;
                }
            }
        }
        if (!changed) {
            throw new IllegalStateException("no stored authentication of " + account + " has that key");
        }
        save();
    }

    @Override
    public synchronized void removeExpired(long nowMillis) {
        refresh();
        boolean changed = false;
        for (JsonNode account : accounts()) {
            ArrayNode auths = ((ObjectNode) account).withArray("auths");
            for (int i = auths.size() - 1; i >= 0; i--) {
                if (auths.get(i).get("expire").asLong() <= nowMillis) {
                    auths.remove(i);
                    changed = true;
                }
            }
        }
        if (changed) {
            save();
        }
    }

    private void save() {
        AtomicFile.write(path, (JsonText.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8));
        seenVersion = version(path);
    }

    /** Reads the file again if someone else changed it; a broken edit is reported and the last good state kept. */
    private void refresh() {
        Object now = version(path);
        if (Objects.equals(now, seenVersion)) {
            return;
        }
        seenVersion = now;
        List<String> accountsBefore = names();
        try {
            root = read(path);
            LOG.info("{} changed on disk: read again", path.getFileName());
        } catch (ConfigException e) {
            LOG.error("{} was changed on disk but cannot be used ({}); keeping the state in memory, which the next "
                    + "change will write back", path.getFileName(), e.getMessage());
            return;
        }
        ServiceConfig before = config;
        try {
            config = ServiceConfig.read(root, path);
        } catch (ConfigException e) {
            LOG.error("the settings in {} cannot be used ({}); the wallet keeps those it has", path.getFileName(),
                    e.getMessage());
        }
        StorageEdit edit = new StorageEdit(before, config, accountsBefore, names());
        if (!edit.changedSettings().isEmpty() || edit.accountsChanged()) {
            onEdit.accept(edit);
        }
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        accounts().forEach(account -> names.add(account.get("name").textValue()));
        return names;
    }

    private Iterable<JsonNode> accounts() {
        return root.get("accounts");
    }

    private ObjectNode account(String name) {
        for (JsonNode account : accounts()) {
            if (name.equals(account.get("name").textValue())) {
                return (ObjectNode) account;
            }
        }
        return null;
    }

    private static Auth toAuth(String account, JsonNode auth) {
        Long nonce = auth.hasNonNull("nonce") ? auth.get("nonce").asLong() : null;
        String app = auth.path("app").isTextual() ? auth.get("app").textValue() : "";
        return new Auth(account, auth.get("key").textValue(), app, auth.get("expire").asLong(), nonce);
    }

    private static ObjectNode read(Path path) {
        String name = path.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException(path + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot be read: " + e.getMessage(), e);
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // in words, never quoting the file: a secret may stand where the mistake is
            throw new ConfigException(name + " is not valid JSON: " + JsonSyntax.describe(e));
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot be read: " + e.getMessage(), e);
        }
        if (parsed == null || !parsed.isObject()) {
            throw new ConfigException(name + " must hold a JSON object");
        }
        ObjectNode root = (ObjectNode) parsed;
        checkAccounts(root, name);
        return root;
    }

    private static void checkAccounts(ObjectNode root, String name) {
        JsonNode accounts = root.get("accounts");
        if (accounts == null || accounts.isNull()) {
            root.putArray("accounts");
            return;
        }
        if (!accounts.isArray()) {
            throw new ConfigException(name + ".accounts must be a list of {\"name\", \"auths\"} objects");
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            String where = name + ".accounts[" + i + "]";
            JsonNode account = accounts.get(i);
            if (!account.isObject()) {
                throw new ConfigException(where + " must be an object {\"name\", \"auths\"}");
            }
            String accountName = new ConfigFields(account, where).string("name");
            AccountName.problem(accountName).ifPresent(problem -> {
                throw new ConfigException(where + ".name: " + problem);
            });
            if (seen.contains(accountName)) {
                throw new ConfigException(where + ": " + accountName + " is listed twice");
            }
            seen.add(accountName);
            JsonNode auths = account.get("auths");
            if (auths == null || auths.isNull()) {
                ((ObjectNode) account).putArray("auths");
                continue;
            }
            if (!auths.isArray()) {
                throw new ConfigException(where + ".auths must be a list");
            }
            for (int j = 0; j < auths.size(); j++) {
                checkAuth(auths.get(j), where + ".auths[" + j + "]");
            }
        }
    }

    private static void checkAuth(JsonNode auth, String where) {
        if (!auth.isObject()) {
            throw new ConfigException(where + " must be an object {\"expire\", \"key\", \"app\"}");
        }
        ConfigFields f = new ConfigFields(auth, where);
        f.longValue("expire");
        if (f.string("key").isEmpty()) {
            throw f.problem("key", "must not be empty");
        }
        f.optionalString("app");
        f.optionalLong("nonce");
    }

    /** What identifies one version of the file: it changes with every rename over it and every edit. */
    private static Object version(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return null;
        }
    }

    /** The reference's {@code datetoISO}: an ISO date with milliseconds, the 'T' and the 'Z' replaced by spaces. */
    private static String readableDate(Instant instant) {
        return READABLE.format(instant);
    }
}
