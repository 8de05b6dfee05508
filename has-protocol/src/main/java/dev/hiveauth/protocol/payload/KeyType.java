package dev.hiveauth.protocol.payload;

import dev.hiveauth.protocol.json.JsonFields;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A Hive account key role, as named in payloads ({@code "posting"}, {@code "active"}, {@code "memo"}). */
public enum KeyType {
    POSTING("posting"),
    ACTIVE("active"),
    MEMO("memo");

    private final String jsonName;

    KeyType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The key type with this JSON name (case-sensitive, as the PKSAs compare it), or empty. */
    public static Optional<KeyType> fromJson(String name) {
        for (KeyType type : values()) {
            if (type.jsonName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Reads field {@code name} as one of {@code allowed}, e.g. "must be posting or active". */
    static KeyType read(JsonFields f, String name, Set<KeyType> allowed) {
        String text = f.string(name);
        Optional<KeyType> type = fromJson(text);
        if (type.isEmpty() || !allowed.contains(type.get())) {
            throw f.error(name, "must be " + describe(allowed));
        }
        return type.get();
    }

    static String describe(Set<KeyType> allowed) {
        String names = EnumSet.copyOf(allowed).stream().map(KeyType::jsonName).collect(Collectors.joining(", "));
        int last = names.lastIndexOf(", ");
        return last < 0 ? names : names.substring(0, last) + " or " + names.substring(last + 2);
    }
}
