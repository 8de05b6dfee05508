package dev.hiveauth.protocol.chain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * One row of the operation schema: the operation's fields in serialization order, the accounts whose
 * authority it requires, and the checks hived's {@code validate()} makes across fields.
 */
final class OperationDefinition {
    /** Adds an operation's requirements, reading its fields. */
    interface AuthorityRule {
        void collect(Operation operation, RequiredAuthorities.Builder out);
    }

    /** A rule across fields; {@code field} (may be empty) is where the error is reported. */
    record Check(String field, Predicate<Operation> holds, String reason) {
    }

    private final OperationType type;
    private final StructType body;
    private final List<AuthorityRule> authorityRules;
    private final List<Check> checks;

    private OperationDefinition(Builder builder) {
        this.type = builder.type;
        this.body = new StructType(builder.fields);
        this.authorityRules = List.copyOf(builder.authorityRules);
        this.checks = List.copyOf(builder.checks);
    }

    OperationType type() {
        return type;
    }

    StructType body() {
        return body;
    }

    RequiredAuthorities requiredAuthorities(Operation operation) {
        RequiredAuthorities.Builder out = new RequiredAuthorities.Builder();
        authorityRules.forEach(rule -> rule.collect(operation, out));
        return out.build();
    }

    /** Runs the cross-field checks; {@code path} is where the operation is (e.g. {@code transfer}). */
    void check(Operation operation, String path) {
        for (Check check : checks) {
            if (!check.holds().test(operation)) {
                throw new ChainFormatException(check.field().isEmpty() ? path : JsonInput.child(path, check.field()),
                        check.reason());
            }
        }
    }

    static Builder builder(OperationType type) {
        return new Builder(type);
    }

    /** Declares a definition field by field, in hived's FC_REFLECT order. */
    static final class Builder {
        private final OperationType type;
        private final List<StructType.Field> fields = new ArrayList<>();
        private final List<AuthorityRule> authorityRules = new ArrayList<>();
        private final List<Check> checks = new ArrayList<>();

        private Builder(OperationType type) {
            this.type = type;
        }

        Builder field(String name, FieldType fieldType) {
            fields.add(new StructType.Field(name, fieldType));
            return this;
        }

        /** The posting authority of the account (or set of accounts) in {@code field}. */
        Builder posting(String field) {
            return authorities((op, out) -> out.posting(accounts(op.get(field))));
        }

        Builder active(String field) {
            return authorities((op, out) -> out.active(accounts(op.get(field))));
        }

        Builder owner(String field) {
            return authorities((op, out) -> out.owner(accounts(op.get(field))));
        }

        Builder authorities(AuthorityRule rule) {
            authorityRules.add(rule);
            return this;
        }

        Builder check(String field, Predicate<Operation> holds, String reason) {
            checks.add(new Check(field, holds, reason));
            return this;
        }

        OperationDefinition build() {
            return new OperationDefinition(this);
        }

        private static Collection<String> accounts(Object value) {
            if (value instanceof String name) {
                return List.of(name);
            }
            List<String> names = new ArrayList<>();
            for (Object item : (List<?>) value) {
                names.add((String) item);
            }
            return names;
        }
    }
}
