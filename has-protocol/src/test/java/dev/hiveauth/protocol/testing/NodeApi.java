package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.protocol.chain.ChainFormatException;
import dev.hiveauth.protocol.chain.HiveTime;
import dev.hiveauth.protocol.chain.rpc.TransactionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON-RPC methods a {@link FakeHiveNode} serves, each reading its parameters the way hived's API
 * plugin does (condenser_api takes a positional array, database_api and transaction_status_api an object)
 * and answering from the {@link FakeHiveChain}.
 */
final class NodeApi {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final FakeHiveChain chain;

    NodeApi(FakeHiveChain chain) {
        this.chain = chain;
    }

    /** The {@code result} of one call, or a {@link NodeError}. */
    JsonNode call(String method, JsonNode params) {
        return switch (method) {
            case "condenser_api.get_accounts" -> getAccounts(arguments(params, 1));
            case "condenser_api.get_dynamic_global_properties" -> {
                arguments(params, 0);
                yield GlobalPropertiesJson.condenser(chain.head());
            }
            case "condenser_api.broadcast_transaction" -> {
                chain.broadcast(object(arguments(params, 1).get(0)));
                yield JSON.objectNode();
            }
            case "database_api.find_accounts" -> findAccounts(object(params));
            case "transaction_status_api.find_transaction" -> findTransaction(object(params));
            // dhive's and older clients' form: {"method":"call","params":["condenser_api","get_accounts",[...]]}
            case "call" -> {
                ArrayNode call = arguments(params, 3);
                yield call(text(call.get(0)) + "." + text(call.get(1)), call.get(2));
            }
            default -> throw NodeError.rpc(NodeError.METHOD_NOT_FOUND, "method not found").with("method", method);
        };
    }

    private JsonNode getAccounts(ArrayNode arguments) {
        ArrayNode accounts = JSON.arrayNode();
        chain.findAccounts(names(arguments.get(0))).forEach(account -> accounts.add(AccountJson.condenser(account)));
        return accounts;
    }

    private JsonNode findAccounts(ObjectNode arguments) {
        ObjectNode result = JSON.objectNode();
        ArrayNode accounts = result.putArray("accounts");
        // fc leaves a missing member at its default: no names, no accounts
        JsonNode names = arguments.has("accounts") ? arguments.get("accounts") : JSON.arrayNode();
        chain.findAccounts(names(names)).forEach(account -> accounts.add(AccountJson.database(account)));
        return result;
    }

    private JsonNode findTransaction(ObjectNode arguments) {
        String id = text(arguments.path("transaction_id"));
        if (!id.matches("[0-9a-fA-F]{40}")) {
            throw NodeError.chain(4, "parse_error_exception", "Parse Error",
                    "transaction_id must be 40 hex characters, got \"" + id + "\"");
        }
        Optional<Instant> expiration = Optional.empty();
        JsonNode expirationJson = arguments.get("expiration");
        if (expirationJson != null && !expirationJson.isNull()) {
            try {
                expiration = Optional.of(HiveTime.parse(text(expirationJson)));
            } catch (ChainFormatException e) {
                throw NodeError.chain(4, "parse_error_exception", "Parse Error", e.getMessage());
            }
        }
        String lowerId = id.toLowerCase(Locale.ROOT);
        TransactionStatus status = chain.status(lowerId, expiration);
        ObjectNode result = JSON.objectNode().put("status", status.jsonName());
        if (status.isInBlock()) {
            chain.accepted(lowerId).ifPresent(transaction -> result.put("block_num", transaction.blockNumber()));
        }
        return result;
    }

    /** condenser_api's CHECK_ARG_SIZE: the positional arguments, exactly {@code count} of them. */
    private static ArrayNode arguments(JsonNode params, int count) {
        ArrayNode arguments = params == null || params.isNull() ? JSON.arrayNode() : array(params);
        if (arguments.size() != count) {
            throw NodeError.assertion("args.size() == " + count,
                    "Expected " + count + " argument(s), was " + arguments.size());
        }
        return arguments;
    }

    private static List<String> names(JsonNode json) {
        List<String> names = new ArrayList<>();
        array(json).forEach(name -> names.add(text(name)));
        return names;
    }

    private static ArrayNode array(JsonNode json) {
        if (json == null || !json.isArray()) {
            throw badCast(json, "Array");
        }
        return (ArrayNode) json;
    }

    private static ObjectNode object(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw badCast(json, "Object");
        }
        return (ObjectNode) json;
    }

    private static String text(JsonNode json) {
        if (json == null || !json.isTextual()) {
            throw badCast(json, "string");
        }
        return json.textValue();
    }

    /** fc's message when a JSON value is not of the type a parameter needs. */
    private static NodeError badCast(JsonNode json, String wanted) {
        String type;
        if (json == null || json.isNull() || json.isMissingNode()) {
            type = "null_type";
        } else if (json.isTextual()) {
            type = "string_type";
        } else if (json.isArray()) {
            type = "array_type";
        } else if (json.isObject()) {
            type = "object_type";
        } else if (json.isBoolean()) {
            type = "bool_type";
        } else if (json.isIntegralNumber()) {
            type = "int64_type";
        } else {
            type = "double_type";
        }
        return NodeError.chain(7, "bad_cast_exception", "Bad Cast", "Invalid cast from " + type + " to " + wanted);
    }
}
