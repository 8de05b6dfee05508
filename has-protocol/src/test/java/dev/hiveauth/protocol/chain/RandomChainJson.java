package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Generates condenser JSON of valid values for each field type of the operation schema, in the canonical
 * form this project writes (sets sorted, current symbol names), so parsing and writing it back must give
 * the same JSON. Rules across fields are not modelled: callers retry until an operation parses.
 */
final class RandomChainJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FAMILIAR = List.of("alice", "bob", "carol", "dave.xyz", "eve-1");
    private static final String[] TEXT_PIECES = {"a", "Z", "0", " ", "é", "✓", "爱", "😀", "\"", "\\", "\n", "-"};
    private static final List<PublicKey> KEYS = new ArrayList<>();

    static {
        for (int i = 0; i < 6; i++) {
            KEYS.add(PrivateKey.fromSeed("random-chain-json-" + i).publicKey());
        }
        KEYS.add(PublicKey.NULL);
    }

    private final Random random;

    RandomChainJson(Random random) {
        this.random = random;
    }

    JsonNode operation(OperationType type) {
        ArrayNode json = NODES.arrayNode();
        json.add(type.jsonName());
        json.add(value(OperationCatalog.definition(type).body()));
        return json;
    }

    /** A random valid value of {@code type}, or {@code null} for an optional left out. */
    JsonNode value(FieldType type) {
        if (type instanceof AccountType account) {
            return TextNode.valueOf(account.emptyAllowed() && random.nextInt(4) == 0 ? "" : accountName());
        } else if (type instanceof TextType text) {
            return TextNode.valueOf(text(text));
        } else if (type instanceof IntType integer) {
            return IntType.number(integer(integer.min(), integer.max()));
        } else if (type instanceof BoolType) {
            return NODES.booleanNode(random.nextBoolean());
        } else if (type instanceof AssetType asset) {
            return TextNode.valueOf(asset(asset).toString());
        } else if (type instanceof PriceType) {
            return price();
        } else if (type instanceof AuthorityType) {
            return authority();
        } else if (type instanceof PublicKeyType) {
            return TextNode.valueOf(pick(KEYS).toString());
        } else if (type instanceof DateType) {
            return TextNode.valueOf(HiveTime.format(java.time.Instant.ofEpochSecond(integer(0, 0xFFFF_FFFFL))));
        } else if (type instanceof BytesType bytes) {
            int length = bytes.fixedLength() >= 0 ? bytes.fixedLength() : random.nextInt(Math.min(bytes.maxLength(), 40) + 1);
            return TextNode.valueOf(HexBytes.of(bytes(length)).toHex());
        } else if (type instanceof OptionalType optional) {
            return random.nextBoolean() ? null : value(optional.inner());
        } else if (type instanceof ListType list) {
            return list(list);
        } else if (type instanceof StructType struct) {
            return struct(struct);
        } else if (type instanceof ExtensionsType extensions) {
            return extensions(extensions);
        } else if (type instanceof WitnessPropsType) {
            return witnessProps();
        }
        throw new IllegalArgumentException("no generator for " + type);
    }

    String accountName() {
        if (random.nextInt(3) > 0) {
            return pick(FAMILIAR);
        }
        StringBuilder name = new StringBuilder(segment());
        while (random.nextInt(4) == 0 && name.length() <= 12) {
            name.append('.').append(segment());
        }
        return name.length() <= AccountName.MAX_LENGTH ? name.toString() : name.substring(0, 3);
    }

    private String segment() {
        String middle = "abcdefghijklmnopqrstuvwxyz0123456789-";
        StringBuilder segment = new StringBuilder().append((char) ('a' + random.nextInt(26)));
        for (int i = random.nextInt(3) + 1; i > 0; i--) {
            segment.append(middle.charAt(random.nextInt(middle.length())));
        }
        return segment.append((char) ('a' + random.nextInt(26))).toString();
    }

    private String text(TextType type) {
        if (type.content() == TextType.Content.JSON || (type.content() == TextType.Content.JSON_OR_EMPTY && random.nextBoolean())) {
            return smallJson();
        }
        if (type.content() == TextType.Content.JSON_OR_EMPTY) {
            return "";
        }
        int pieces = Math.min(type.maxBytes() / 4, 30);
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(pieces + 1); i > 0; i--) {
            text.append(pick(List.of(TEXT_PIECES)));
        }
        return type.nonEmpty() && text.length() == 0 ? "x" : text.toString();
    }

    private String smallJson() {
        return pick(List.of("{}", "[]", "{\"app\":\"hive/1.0\",\"tags\":[\"a\",\"ü\"]}", "[\"follow\",{\"what\":[]}]",
                "42", "\"text\"", "{\"n\":" + random.nextInt() + "}"));
    }

    long integer(long min, long max) {
        return switch (random.nextInt(4)) {
            case 0 -> min;
            case 1 -> max;
            default -> min + (long) (random.nextDouble() * ((double) max - min));
        };
    }

    private Asset asset(AssetType type) {
        List<AssetSymbol> symbols = new ArrayList<>(type.symbols());
        symbols.sort(Comparator.naturalOrder());
        long min = switch (type.sign()) {
            case POSITIVE -> 1;
            case NOT_NEGATIVE -> 0;
            case ANY -> Long.MIN_VALUE;
        };
        long max = random.nextBoolean() ? 1_000_000_000L : Long.MAX_VALUE;
        return Asset.of(integer(min, max), pick(symbols));
    }

    private JsonNode price() {
        List<AssetSymbol> pair = new ArrayList<>(random.nextInt(8) == 0 ? List.of(AssetSymbol.values())
                : List.of(AssetSymbol.HIVE, AssetSymbol.HBD));
        java.util.Collections.shuffle(pair, random);
        ObjectNode json = NODES.objectNode();
        json.put("base", Asset.of(integer(1, 1_000_000_000L), pair.get(0)).toString());
        json.put("quote", Asset.of(integer(1, 1_000_000_000L), pair.get(1)).toString());
        return json;
    }

    private JsonNode authority() {
        ObjectNode json = NODES.objectNode();
        json.set("weight_threshold", IntType.number(integer(0, 0xFFFF_FFFFL)));
        Map<String, Long> accounts = new TreeMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            accounts.put(accountName(), integer(0, 0xFFFF));
        }
        ArrayNode accountAuths = json.putArray("account_auths");
        accounts.forEach((name, weight) -> accountAuths.addArray().add(name).add(weight.intValue()));
        Map<PublicKey, Long> keys = new TreeMap<>((a, b) -> java.util.Arrays.compareUnsigned(a.toBytes(), b.toBytes()));
        for (int i = random.nextInt(4); i > 0; i--) {
            keys.put(pick(KEYS), integer(0, 0xFFFF));
        }
        ArrayNode keyAuths = json.putArray("key_auths");
        keys.forEach((key, weight) -> keyAuths.addArray().add(key.toString()).add(weight.intValue()));
        return json;
    }

    private JsonNode list(ListType type) {
        int size = Math.min(type.maxSize(), type.minSize() + random.nextInt(4));
        List<JsonNode> items = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int attempt = 0; items.size() < size && attempt < 50; attempt++) {
            JsonNode item = value(type.element());
            Object parsed = type.element().fromJson(item, "item");
            if (type.order() == null || values.stream().noneMatch(v -> type.order().compare(v, parsed) == 0)) {
                items.add(item);
                values.add(parsed);
            }
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            positions.add(i);
        }
        if (type.order() != null) {
            positions.sort((a, b) -> type.order().compare(values.get(a), values.get(b)));
        }
        ArrayNode json = NODES.arrayNode();
        positions.forEach(i -> json.add(items.get(i)));
        return json;
    }

    private JsonNode struct(StructType type) {
        ObjectNode json = NODES.objectNode();
        for (StructType.Field field : type.fields()) {
            JsonNode value = value(field.type());
            if (value != null) {
                json.set(field.name(), value);
            }
        }
        return json;
    }

    private JsonNode extensions(ExtensionsType type) {
        ArrayNode json = NODES.arrayNode();
        for (Map.Entry<Integer, StructType> variant : type.variants().entrySet()) {
            if (random.nextBoolean()) {
                json.addArray().add(variant.getKey()).add(struct(variant.getValue()));
            }
        }
        return json;
    }

    private JsonNode witnessProps() {
        Map<String, String> props = new TreeMap<>();
        props.put("key", java.util.HexFormat.of().formatHex(pick(KEYS.subList(0, 6)).toBytes()));
        if (random.nextBoolean()) {
            props.put("new_signing_key", java.util.HexFormat.of().formatHex(pick(KEYS.subList(0, 6)).toBytes()));
        }
        if (random.nextBoolean()) {
            props.put("url", HexBytes.of(bytes(random.nextInt(10))).toHex());
        }
        ArrayNode json = NODES.arrayNode();
        props.forEach((name, hex) -> json.addArray().add(name).add(hex));
        return json;
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
