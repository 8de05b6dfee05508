package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.protocol.crypto.Hash;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.crypto.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An unsigned transaction: TaPoS reference (ref_block_num, ref_block_prefix), expiration and operations.
 * Its legacy binary form is what gets hashed: digest = sha256(chain_id ‖ bytes) is signed, and the id is
 * the first 20 bytes of sha256(bytes). The transaction's own {@code extensions} are always empty.
 */
public final class Transaction {
    static final List<String> FIELDS =
            List.of("ref_block_num", "ref_block_prefix", "expiration", "operations", "extensions", "signatures");

    private final int refBlockNum;
    private final long refBlockPrefix;
    private final Instant expiration;
    private final List<Operation> operations;

    private Transaction(int refBlockNum, long refBlockPrefix, Instant expiration, List<Operation> operations) {
        this.refBlockNum = refBlockNum;
        this.refBlockPrefix = refBlockPrefix;
        this.expiration = expiration;
        this.operations = operations;
    }

    /** Checks ranges (uint16, uint32, a uint32 time in whole seconds) and that there is an operation. */
    public static Transaction of(int refBlockNum, long refBlockPrefix, Instant expiration, List<Operation> operations) {
        if (refBlockNum < 0 || refBlockNum > 0xFFFF) {
            throw new ChainFormatException("transaction.ref_block_num", refBlockNum + " is out of range 0..65535");
        }
        if (refBlockPrefix < 0 || refBlockPrefix > 0xFFFF_FFFFL) {
            throw new ChainFormatException("transaction.ref_block_prefix", refBlockPrefix + " is out of range 0..4294967295");
        }
        Instant checked = HiveTime.checkRange(Objects.requireNonNull(expiration, "expiration"), "transaction.expiration");
        if (operations.isEmpty()) {
            throw new ChainFormatException("transaction.operations", "a transaction needs at least one operation");
        }
        return new Transaction(refBlockNum, refBlockPrefix, checked, List.copyOf(operations));
    }

    /** Reads the condenser JSON of an unsigned transaction (an empty {@code signatures} array is tolerated). */
    public static Transaction fromJson(JsonNode json) {
        JsonInput.object(json, "transaction");
        JsonNode signatures = json.get("signatures");
        if (signatures != null && !(signatures.isArray() && signatures.isEmpty())) {
            throw new ChainFormatException("transaction.signatures",
                    "an unsigned transaction has no signatures (read signed ones with SignedTransaction.fromJson)");
        }
        return readFields(json, "transaction");
    }

    /** Reads an unsigned transaction from its JSON text. */
    public static Transaction fromJson(String json) {
        return fromJson(JsonInput.parse(json, "transaction"));
    }

    static Transaction readFields(JsonNode json, String path) {
        JsonInput.rejectUnknownFields(json, FIELDS, path);
        int refBlockNum = (int) JsonInput.integer(JsonInput.required(json, "ref_block_num", path),
                JsonInput.child(path, "ref_block_num"), 0, 0xFFFF);
        long refBlockPrefix = JsonInput.integer(JsonInput.required(json, "ref_block_prefix", path),
                JsonInput.child(path, "ref_block_prefix"), 0, 0xFFFF_FFFFL);
        Instant expiration = (Instant) DateType.INSTANCE.fromJson(JsonInput.required(json, "expiration", path),
                JsonInput.child(path, "expiration"));
        String operationsPath = JsonInput.child(path, "operations");
        JsonNode operationsJson = JsonInput.array(JsonInput.required(json, "operations", path), operationsPath);
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < operationsJson.size(); i++) {
            operations.add(Operation.fromJson(operationsJson.get(i), JsonInput.item(operationsPath, i)));
        }
        JsonNode extensions = json.get("extensions");
        if (extensions != null) {
            ExtensionsType.NONE.fromJson(extensions, JsonInput.child(path, "extensions"));
        }
        return of(refBlockNum, refBlockPrefix, expiration, operations);
    }

    /** Reads the legacy binary form (without signatures). */
    public static Transaction fromBytes(byte[] bytes) {
        ChainReader in = new ChainReader(bytes);
        Transaction transaction = unpack(in);
        in.expectEnd("transaction");
        return transaction;
    }

    static Transaction unpack(ChainReader in) {
        int refBlockNum = (int) in.littleEndian(2, "transaction.ref_block_num");
        long refBlockPrefix = in.littleEndian(4, "transaction.ref_block_prefix");
        Instant expiration = HiveTime.unpack(in, "transaction.expiration");
        List<Operation> operations = new ArrayList<>();
        for (int i = in.length("transaction.operations"); i > 0; i--) {
            operations.add(Operation.unpack(in, JsonInput.item("transaction.operations", operations.size())));
        }
        ExtensionsType.NONE.unpack(in, "transaction.extensions");
        return of(refBlockNum, refBlockPrefix, expiration, operations);
    }

    /** The low 16 bits of the reference block's number (TaPoS). */
    public int refBlockNum() {
        return refBlockNum;
    }

    /** Four bytes of the reference block's id (TaPoS). */
    public long refBlockPrefix() {
        return refBlockPrefix;
    }

    /** When the transaction stops being valid, to the second. */
    public Instant expiration() {
        return expiration;
    }

    /** The operations, in order. */
    public List<Operation> operations() {
        return operations;
    }

    /** The legacy binary form: what dhive and hive-js hash and sign. */
    public byte[] toBytes() {
        ChainWriter out = new ChainWriter();
        pack(out);
        return out.toByteArray();
    }

    void pack(ChainWriter out) {
        out.littleEndian(refBlockNum, 2).littleEndian(refBlockPrefix, 4);
        HiveTime.pack(out, expiration);
        out.varint(operations.size());
        operations.forEach(operation -> operation.pack(out));
        out.varint(0);
    }

    /** sha256(chain_id ‖ bytes): the 32 bytes each signature signs. */
    public byte[] digest(ChainId chainId) {
        return Hash.sha256(chainId.toBytes(), toBytes());
    }

    /** The transaction id: hex of the first 20 bytes of sha256(bytes), without the chain id. */
    public String id() {
        return HexFormat.of().formatHex(Arrays.copyOf(Hash.sha256(toBytes()), 20));
    }

    /** The accounts and authorities whose signatures the operations need, together. */
    public RequiredAuthorities requiredAuthorities() {
        RequiredAuthorities required = RequiredAuthorities.NONE;
        for (Operation operation : operations) {
            required = required.plus(operation.requiredAuthorities());
        }
        return required;
    }

    /**
     * Signs with hive-js's deterministic signatures, one per distinct key (a key given twice, e.g. an
     * account whose posting and active keys are the same, signs once: the chain refuses duplicate signatures).
     */
    public SignedTransaction sign(ChainId chainId, List<PrivateKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("signing needs at least one key");
        }
        byte[] digest = digest(chainId);
        Map<PublicKey, PrivateKey> distinct = new LinkedHashMap<>();
        keys.forEach(key -> distinct.putIfAbsent(key.publicKey(), key));
        List<Signature> signatures = new ArrayList<>();
        distinct.values().forEach(key -> signatures.add(key.signDigest(digest)));
        return new SignedTransaction(this, signatures);
    }

    /** Signs this transaction on chain {@code chainId} with each of {@code keys}. */
    public SignedTransaction sign(ChainId chainId, PrivateKey... keys) {
        return sign(chainId, List.of(keys));
    }

    /** The condenser JSON nodes accept (without {@code signatures}). */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("ref_block_num", refBlockNum);
        json.set("ref_block_prefix", IntType.number(refBlockPrefix));
        json.put("expiration", HiveTime.format(expiration));
        ArrayNode operationsJson = json.putArray("operations");
        operations.forEach(operation -> operationsJson.add(operation.toJson()));
        json.putArray("extensions");
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Transaction that && refBlockNum == that.refBlockNum
                && refBlockPrefix == that.refBlockPrefix && expiration.equals(that.expiration)
                && operations.equals(that.operations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(refBlockNum, refBlockPrefix, expiration, operations);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
