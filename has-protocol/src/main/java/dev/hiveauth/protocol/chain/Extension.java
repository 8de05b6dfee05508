package dev.hiveauth.protocol.chain;

import java.util.Map;

/**
 * One entry of an operation's {@code extensions}: the static_variant's type number and its fields,
 * written {@code [type, {...}]} in JSON (e.g. comment_options' {@code [0, {"beneficiaries": [...]}]}).
 */
public record Extension(int type, Map<String, Object> value) {
    /** Keeps an unmodifiable copy of {@code value}. */
    public Extension {
        value = Map.copyOf(value);
    }
}
