package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A weighted multi-signature authority (owner, active, posting): satisfied when the weights of the
 * accounts and keys that sign reach {@code weight_threshold}. Both maps are kept in the order the chain's
 * flat_maps sort them (account names bytewise, keys by their 33 compressed bytes), because that order is
 * what gets serialized and signed.
 */
public final class Authority {
    /** hived's HIVE_MAX_AUTHORITY_MEMBERSHIP: accounts plus keys. */
    public static final int MAX_MEMBERS = 40;
    private static final Comparator<PublicKey> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(a.toBytes(), b.toBytes());

    private final long weightThreshold;
    private final Map<String, Integer> accountAuths;
    private final Map<PublicKey, Integer> keyAuths;

    private Authority(long weightThreshold, Map<String, Integer> accountAuths, Map<PublicKey, Integer> keyAuths) {
        this.weightThreshold = weightThreshold;
        this.accountAuths = accountAuths;
        this.keyAuths = keyAuths;
    }

    /** Checks every part (uint32 threshold, uint16 weights, valid names, at most 40 members) and sorts. */
    public static Authority of(long weightThreshold, Map<String, Integer> accountAuths, Map<PublicKey, Integer> keyAuths) {
        return build(weightThreshold, accountAuths, keyAuths, "authority");
    }

    /** Threshold 1, one key of weight 1: how most accounts are set up. */
    public static Authority ofKey(PublicKey key) {
        return of(1, Map.of(), Map.of(key, 1));
    }

    private static Authority build(long threshold, Map<String, Integer> accounts, Map<PublicKey, Integer> keys, String path) {
        if (threshold < 0 || threshold > 0xFFFF_FFFFL) {
            throw new ChainFormatException(JsonInput.child(path, "weight_threshold"),
                    threshold + " is out of range 0.." + 0xFFFF_FFFFL);
        }
        Map<String, Integer> sortedAccounts = new TreeMap<>();
        accounts.forEach((name, weight) -> {
            AccountName.problem(name).ifPresent(problem -> {
                throw new ChainFormatException(JsonInput.child(path, "account_auths"), problem);
            });
            sortedAccounts.put(name, checkWeight(weight, JsonInput.child(path, "account_auths")));
        });
        Map<PublicKey, Integer> sortedKeys = new TreeMap<>(KEY_ORDER);
        keys.forEach((key, weight) -> sortedKeys.put(Objects.requireNonNull(key, "key"),
                checkWeight(weight, JsonInput.child(path, "key_auths"))));
        int members = sortedAccounts.size() + sortedKeys.size();
        if (members > MAX_MEMBERS) {
            throw new ChainFormatException(path, members + " members, an authority may have at most " + MAX_MEMBERS);
        }
        return new Authority(threshold, Collections.unmodifiableMap(new LinkedHashMap<>(sortedAccounts)),
                Collections.unmodifiableMap(new LinkedHashMap<>(sortedKeys)));
    }

    private static int checkWeight(Integer weight, String path) {
        if (weight == null || weight < 0 || weight > 0xFFFF) {
            throw new ChainFormatException(path, "weight " + weight + " is out of range 0..65535");
        }
        return weight;
    }

    /** Reads {@code {"weight_threshold":1,"account_auths":[["name",1]],"key_auths":[["STM…",1]]}}. */
    public static Authority fromJson(JsonNode json) {
        return fromJson(json, "authority");
    }

    static Authority fromJson(JsonNode json, String path) {
        JsonInput.object(json, path);
        JsonInput.rejectUnknownFields(json, List.of("weight_threshold", "account_auths", "key_auths"), path);
        long threshold = JsonInput.integer(JsonInput.required(json, "weight_threshold", path),
                JsonInput.child(path, "weight_threshold"), 0, 0xFFFF_FFFFL);
        Map<String, Integer> accounts = new LinkedHashMap<>();
        readPairs(json, "account_auths", path, (name, weight, at) -> {
            String account = JsonInput.text(name, at);
            AccountName.problem(account).ifPresent(problem -> {
                throw new ChainFormatException(at, problem);
            });
            if (accounts.put(account, weight) != null) {
                throw new ChainFormatException(at, "\"" + account + "\" appears twice");
            }
        });
        Map<PublicKey, Integer> keys = new LinkedHashMap<>();
        readPairs(json, "key_auths", path, (name, weight, at) -> {
            PublicKey key = PublicKeyType.parse(JsonInput.text(name, at), at);
            if (keys.put(key, weight) != null) {
                throw new ChainFormatException(at, "key " + key + " appears twice");
            }
        });
        return build(threshold, accounts, keys, path);
    }

    private interface PairReader {
        void read(JsonNode name, int weight, String path);
    }

    private static void readPairs(JsonNode json, String field, String path, PairReader reader) {
        String listPath = JsonInput.child(path, field);
        JsonNode list = JsonInput.array(JsonInput.required(json, field, path), listPath);
        for (int i = 0; i < list.size(); i++) {
            String at = JsonInput.item(listPath, i);
            JsonNode pair = list.get(i);
            if (!pair.isArray() || pair.size() != 2) {
                throw JsonInput.expected(at, "a [name, weight] pair", pair);
            }
            int weight = (int) JsonInput.integer(pair.get(1), at + "[1]", 0, 0xFFFF);
            reader.read(pair.get(0), weight, at + "[0]");
        }
    }

    /** The node form, pairs in chain order. */
    public JsonNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("weight_threshold", IntType.number(weightThreshold));
        ArrayNode accounts = json.putArray("account_auths");
        accountAuths.forEach((name, weight) -> accounts.addArray().add(name).add(weight));
        ArrayNode keys = json.putArray("key_auths");
        keyAuths.forEach((key, weight) -> keys.addArray().add(key.toString()).add(weight));
        return json;
    }

    /** The sum of weights the signing keys and accounts must reach. */
    public long weightThreshold() {
        return weightThreshold;
    }

    /** Account name → weight, sorted by name. */
    public Map<String, Integer> accountAuths() {
        return accountAuths;
    }

    /** Key → weight, sorted by the keys' compressed bytes. */
    public Map<PublicKey, Integer> keyAuths() {
        return keyAuths;
    }

    /**
     * The summed weight of those of {@code keys} that appear in key_auths. Account members are not followed
     * (that needs the other accounts' authorities); callers that do so add their weights themselves.
     */
    public long keyWeight(Collection<PublicKey> keys) {
        return keyAuths.entrySet().stream()
                .filter(entry -> keys.contains(entry.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    void pack(ChainWriter out) {
        out.littleEndian(weightThreshold, 4).varint(accountAuths.size());
        accountAuths.forEach((name, weight) -> out.string(name).littleEndian(weight, 2));
        out.varint(keyAuths.size());
        keyAuths.forEach((key, weight) -> out.bytes(key.toBytes()).littleEndian(weight, 2));
    }

    static Authority unpack(ChainReader in, String path) {
        long threshold = in.littleEndian(4, path);
        Map<String, Integer> accounts = new LinkedHashMap<>();
        for (int i = in.length(path); i > 0; i--) {
            accounts.put(in.string(path), (int) in.littleEndian(2, path));
        }
        Map<PublicKey, Integer> keys = new LinkedHashMap<>();
        for (int i = in.length(path); i > 0; i--) {
            keys.put(PublicKeyType.fromBytes(in.bytes(33, path), path), (int) in.littleEndian(2, path));
        }
        return build(threshold, accounts, keys, path);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Authority that && weightThreshold == that.weightThreshold
                && accountAuths.equals(that.accountAuths) && keyAuths.equals(that.keyAuths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(weightThreshold, accountAuths, keyAuths);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
