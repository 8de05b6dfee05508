package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One validated chain operation, read from and written to the condenser JSON form
 * {@code ["transfer", {"from": …}]}. Everything the schema knows is checked on the way in, so an
 * {@code Operation} always serializes. Field values are plain Java objects: account names and other
 * strings as String, integers as Long, Boolean, {@link Asset}, {@link Price}, {@link Authority},
 * {@link dev.hiveauth.protocol.crypto.PublicKey}, {@link Instant}, {@link HexBytes}, Optional for optional
 * fields, List for sets (in chain order) and vectors, Map for nested structs and witness properties, and
 * {@link Extension}s.
 */
public final class Operation {
    private final OperationDefinition definition;
    private final Map<String, Object> fields;

    private Operation(OperationDefinition definition, Map<String, Object> fields) {
        this.definition = definition;
        this.fields = fields;
    }

    /** Parses and validates {@code ["name", {...}]}; errors read like {@code transfer.amount: …}. */
    public static Operation fromJson(JsonNode json) {
        return fromJson(json, "");
    }

    /** Parses JSON text of one operation. */
    public static Operation fromJson(String json) {
        return fromJson(JsonInput.parse(json, "operation"));
    }

    /** {@code prefix} locates the operation in a larger document, e.g. {@code operations[2]}. */
    static Operation fromJson(JsonNode json, String prefix) {
        String where = prefix.isEmpty() ? "operation" : prefix;
        if (json == null || !json.isArray() || json.size() != 2 || !json.get(0).isTextual()) {
            throw JsonInput.expected(where, "an operation like [\"vote\", {...}]", json);
        }
        String name = json.get(0).textValue();
        OperationType type = OperationType.fromJsonName(name).orElseThrow(() ->
                new ChainFormatException(where, unknownOperation(name)));
        String path = prefix.isEmpty() ? name : prefix + "." + name;
        OperationDefinition definition = OperationCatalog.definition(type);
        return checked(definition, definition.body().fromJson(json.get(1), path), path);
    }

    private static String unknownOperation(String name) {
        if (name.equals("pow") || name.equals("pow2")) {
            return "\"" + name + "\" is a retired mining operation and cannot be signed any more";
        }
        return "unknown operation \"" + name + "\"";
    }

    private static Operation checked(OperationDefinition definition, Map<String, Object> fields, String path) {
        Operation operation = new Operation(definition, fields);
        definition.check(operation, path);
        return operation;
    }

    /** Reads the legacy binary form (varint operation id, then the fields). */
    public static Operation fromBytes(byte[] bytes) {
        ChainReader in = new ChainReader(bytes);
        Operation operation = unpack(in, "operation");
        in.expectEnd("operation");
        return operation;
    }

    static Operation unpack(ChainReader in, String where) {
        long id = in.varint(where);
        OperationType type = OperationType.fromId(id).orElseThrow(() ->
                new ChainFormatException(where, "unknown operation id " + id));
        String path = where + "." + type.jsonName();
        OperationDefinition definition = OperationCatalog.definition(type);
        return checked(definition, definition.body().unpack(in, path), path);
    }

    void pack(ChainWriter out) {
        out.varint(definition.type().id());
        definition.body().pack(out, fields);
    }

    /** The operation's type. */
    public OperationType type() {
        return definition.type();
    }

    /** The condenser name, e.g. {@code "transfer"}. */
    public String name() {
        return definition.type().jsonName();
    }

    /** Every field, in serialization order. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** The value of one field; throws if the operation has no such field. */
    public Object get(String field) {
        Object value = fields.get(field);
        if (value == null) {
            throw new IllegalArgumentException(name() + " has no field \"" + field + "\"");
        }
        return value;
    }

    private <T> T typed(String field, Class<T> type) {
        Object value = get(field);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(name() + "." + field + " is not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    /** A string or account-name field. */
    public String string(String field) {
        return typed(field, String.class);
    }

    /** The integer field {@code field}. */
    public long integer(String field) {
        return typed(field, Long.class);
    }

    /** The boolean field {@code field}. */
    public boolean bool(String field) {
        return typed(field, Boolean.class);
    }

    /** The asset field {@code field}. */
    public Asset asset(String field) {
        return typed(field, Asset.class);
    }

    /** The price field {@code field}. */
    public Price price(String field) {
        return typed(field, Price.class);
    }

    /** The authority field {@code field}. */
    public Authority authority(String field) {
        return typed(field, Authority.class);
    }

    /** The time field {@code field}. */
    public Instant instant(String field) {
        return typed(field, Instant.class);
    }

    /** The optional field {@code field}: empty when absent. */
    public Optional<?> optional(String field) {
        return typed(field, Optional.class);
    }

    /** A set or vector field; the element type is the caller's to know (see the class comment). */
    @SuppressWarnings("unchecked")
    public <T> List<T> list(String field) {
        return (List<T>) typed(field, List.class);
    }

    /** Whose authority must sign this operation. */
    public RequiredAuthorities requiredAuthorities() {
        return definition.requiredAuthorities(this);
    }

    /** {@code ["name", {...}]} with assets as {@code "1.000 HIVE"}, sets sorted, empty optionals left out. */
    public JsonNode toJson() {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        json.add(name());
        json.add(definition.body().toJson(fields));
        return json;
    }

    /** The legacy binary form, as dhive and hive-js serialize it. */
    public byte[] toBytes() {
        ChainWriter out = new ChainWriter();
        pack(out);
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Operation that && definition.type() == that.definition.type() && fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
        return definition.type().hashCode() * 31 + fields.hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
