package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;

/** A broadcast the fake chain refused: the JSON as sent and the error message the node answered. */
public record RefusedTransaction(JsonNode json, String message) {
    public RefusedTransaction {
        json = json == null ? null : json.deepCopy();
    }
}
