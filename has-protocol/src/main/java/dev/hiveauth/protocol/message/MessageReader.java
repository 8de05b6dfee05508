package dev.hiveauth.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.protocol.json.Excerpt;
import dev.hiveauth.protocol.json.JsonFields;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Reads each command's fields from a parsed frame, with precise errors. */
final class MessageReader {
    private MessageReader() {
    }

    static HasMessage read(ObjectNode root) {
        JsonNode cmdNode = root.get("cmd");
        if (cmdNode == null || cmdNode.isNull()) {
            throw new ProtocolException("message has no \"cmd\"");
        }
        if (!cmdNode.isTextual()) {
            throw new ProtocolException("\"cmd\" must be a string");
        }
        String cmd = cmdNode.textValue();
        JsonFields f = JsonFields.of(root, Excerpt.of(cmd), message -> new ProtocolException(message, cmd));
        switch (cmd) {
            case Connected.CMD:
                return connected(f);
            case KeyReq.CMD:
                return new KeyReq();
            case KeyAck.CMD:
                return new KeyAck(f.string("key"));
            case RegisterReq.CMD:
                return registerReq(f);
            case RegisterAck.CMD:
                return new RegisterAck(f.string("account"));
            case AuthReq.CMD:
                return new AuthReq(f.string("account"), f.string("data"), f.optionalString("auth_key"),
                        f.optionalString("token"), forwardUuid(f), f.optionalNonNegativeLong("expire"));
            case SignReq.CMD:
                return new SignReq(f.string("account"), f.string("data"), f.optionalString("token"),
                        forwardUuid(f), f.optionalNonNegativeLong("expire"));
            case ChallengeReq.CMD:
                return new ChallengeReq(f.string("account"), f.string("data"), f.optionalString("token"),
                        forwardUuid(f), f.optionalNonNegativeLong("expire"));
            case AuthWait.CMD:
                // Hive Keychain Mobile sends a bare {"cmd":"auth_wait"} / {"cmd":"sign_wait"} to the HAS when a
                // request reaches it: without a uuid it is a notice to ignore, not a malformed wait.
                return f.has("uuid")
                        ? new AuthWait(f.string("uuid"), f.nonNegativeLong("expire"), f.string("account"))
                        : new WaitNotice(Family.AUTH);
            case SignWait.CMD:
                return f.has("uuid")
                        ? new SignWait(f.string("uuid"), f.nonNegativeLong("expire"))
                        : new WaitNotice(Family.SIGN);
            case ChallengeWait.CMD:
                return f.has("uuid")
                        ? new ChallengeWait(f.string("uuid"), f.nonNegativeLong("expire"))
                        : new WaitNotice(Family.CHALLENGE);
            case AuthAck.CMD:
                return new AuthAck(f.string("uuid"), f.string("data"), f.optionalString("pok"));
            case AuthNack.CMD:
                return new AuthNack(f.string("uuid"), f.optionalString("data"), f.optionalString("pok"),
                        f.optionalString("error"));
            case AuthErr.CMD:
                return new AuthErr(f.string("uuid"), f.string("error"), f.optionalString("pok"));
            case SignAck.CMD:
                return signAck(f);
            case SignNack.CMD:
                return new SignNack(f.string("uuid"), f.optionalString("data"), f.optionalString("pok"),
                        f.optionalString("error"));
            case SignErr.CMD:
                return new SignErr(f.string("uuid"), f.string("error"), f.optionalString("pok"));
            case ChallengeAck.CMD:
                return new ChallengeAck(f.string("uuid"), f.string("data"), f.optionalString("pok"));
            case ChallengeNack.CMD:
                return new ChallengeNack(f.string("uuid"), f.optionalString("data"), f.optionalString("pok"),
                        f.optionalString("error"));
            case ChallengeErr.CMD:
                return new ChallengeErr(f.string("uuid"), f.string("error"), f.optionalString("pok"));
            case AttachReq.CMD:
                return new AttachReq(f.string("uuid"));
            case AttachAck.CMD:
                return new AttachAck(f.string("uuid"));
            case AttachNack.CMD:
                return new AttachNack(f.string("uuid"));
            case ErrorMessage.CMD:
                return new ErrorMessage(f.string("error"), f.optionalString("uuid"));
            default:
                throw new ProtocolException("unknown cmd \"" + Excerpt.of(cmd) + "\"", cmd);
        }
    }

    private static Connected connected(JsonFields f) {
        int timeout = f.nonNegativeInt("timeout");
        String version = f.string("version");
        BigDecimal protocol = f.number("protocol");
        if (!Connected.isSaneProtocol(protocol)) {
            throw f.error("protocol", "is out of range");
        }
        return new Connected(timeout, version, protocol);
    }

    /** The uuid of a forwarded request; it comes with {@code expire} or not at all. */
    private static String forwardUuid(JsonFields f) {
        String uuid = f.optionalString("uuid");
        boolean hasExpire = f.has("expire");
        if (uuid != null && !hasExpire) {
            throw f.error("expire", "is required with \"uuid\"");
        }
        if (uuid == null && hasExpire) {
            throw f.error("uuid", "is required with \"expire\"");
        }
        return uuid;
    }

    private static RegisterReq registerReq(JsonFields f) {
        String app = f.string("app");
        ArrayNode array = f.array("accounts");
        List<RegisterReq.Account> accounts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonFields account = f.element("accounts", i, array.get(i));
            String name = account.string("name");
            String pok = account.optionalString("pok");
            String keyType = account.optionalString("key_type");
            String challenge = account.optionalString("challenge");
            if (pok == null && challenge == null) {
                // Keychain Mobile's protocol-0.8 form carries the proof in "challenge" instead of "pok".
                throw account.error("pok", "is required (or the legacy \"challenge\")");
            }
            accounts.add(new RegisterReq.Account(name, pok, keyType, challenge));
        }
        return new RegisterReq(app, accounts);
    }

    private static SignAck signAck(JsonFields f) {
        String uuid = f.string("uuid");
        JsonNode data = f.node("data");
        if (!data.isTextual() && !data.isObject()) {
            throw f.error("data", "must be a string (txid) or an object (signed transaction)");
        }
        return new SignAck(uuid, data, f.optionalBool("broadcast"), f.optionalString("pok"));
    }
}
