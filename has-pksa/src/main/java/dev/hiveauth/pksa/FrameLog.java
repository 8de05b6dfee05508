package dev.hiveauth.pksa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs frames at debug level. The service-mode auth_key (even encrypted) is never shown; with
 * {@code hideEncryptedData} (the reference PKSA's setting) neither are the encrypted payloads and proofs.
 * Nothing decrypted ever reaches this class.
 */
final class FrameLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.hiveauth.pksa.frames");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HIDDEN = "<...>";
    private static final List<String> ENCRYPTED = List.of("data", "pok", "error");

    private final boolean hideEncryptedData;

    FrameLog(boolean hideEncryptedData) {
        this.hideEncryptedData = hideEncryptedData;
    }

    void received(URI relay, String frame) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("[RECV {}] {}", relay, shown(frame));
        }
    }

    void sent(URI relay, String frame) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("[SEND {}] {}", relay, shown(frame));
        }
    }

    String shown(String frame) {
        JsonNode node;
        try {
            node = JSON.readTree(frame);
        } catch (Exception e) {
            return "<" + frame.length() + " characters, not JSON>";
        }
        if (!(node instanceof ObjectNode)) {
            return "<" + frame.length() + " characters, not a JSON object>";
        }
        ObjectNode object = (ObjectNode) node;
        if (object.has("auth_key")) {
            object.put("auth_key", HIDDEN);
        }
        if (hideEncryptedData) {
            for (String field : ENCRYPTED) {
                // the error of sign_err/challenge_err is encrypted too; a relay's error is plain text: keep it
                if (object.has(field) && !(field.equals("error") && "error".equals(object.path("cmd").asText()))) {
                    object.put(field, HIDDEN);
                }
            }
        }
        return object.toString();
    }
}
