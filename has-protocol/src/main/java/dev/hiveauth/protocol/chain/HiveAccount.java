package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.util.Objects;

/** An account's name and keys as a node reports them ({@code condenser_api.get_accounts}). */
public record HiveAccount(String name, Authority owner, Authority active, Authority posting, PublicKey memoKey) {
    /** Checks that the name, the three authorities and the memo key are present. */
    public HiveAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(posting, "posting");
        Objects.requireNonNull(memoKey, "memoKey");
    }

    /** Reads one account object; its many other fields (balances, metadata…) are ignored. */
    public static HiveAccount fromJson(JsonNode json) {
        JsonInput.object(json, "account");
        String name = JsonInput.text(JsonInput.required(json, "name", "account"), "account.name");
        String path = "account " + name;
        return new HiveAccount(name,
                Authority.fromJson(JsonInput.required(json, "owner", path), path + ".owner"),
                Authority.fromJson(JsonInput.required(json, "active", path), path + ".active"),
                Authority.fromJson(JsonInput.required(json, "posting", path), path + ".posting"),
                PublicKeyType.parse(JsonInput.text(JsonInput.required(json, "memo_key", path), path + ".memo_key"),
                        path + ".memo_key"));
    }
}
