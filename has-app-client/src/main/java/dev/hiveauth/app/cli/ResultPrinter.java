package dev.hiveauth.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.app.ChallengeResult;
import dev.hiveauth.app.ChallengeVerificationException;
import dev.hiveauth.app.ChallengeVerifier;
import dev.hiveauth.app.HasException;
import dev.hiveauth.app.RequestExpiredException;
import dev.hiveauth.app.RequestFailedException;
import dev.hiveauth.app.RequestRefusedException;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The one JSON object a command prints on stdout, and its exit code: {@code status} is {@code approved} (0),
 * {@code refused} (1), or {@code failed}, {@code expired}, {@code error} (2), with the request's
 * {@code uuid} when the HAS gave one.
 */
final class ResultPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    ResultPrinter(PrintStream out) {
        this.out = out;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Waits for {@code request}, stops the display, prints the outcome; returns the exit code. */
    <T> int await(CompletableFuture<T> request, WaitingDisplay display, Function<T, ObjectNode> approved) {
        try {
            T result = request.get();
            display.close();
            ObjectNode json = approved.apply(result);
            return print("approved", display.uuid(), json, HasAppCommand.APPROVED);
        } catch (ExecutionException e) {
            display.close();
            return failure(e.getCause(), display.uuid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            display.close();
            return error("interrupted");
        }
    }

    int failure(Throwable failure, String knownUuid) {
        String uuid = failure instanceof HasException && ((HasException) failure).uuid() != null
                ? ((HasException) failure).uuid() : knownUuid;
        ObjectNode json = object();
        if (failure instanceof RequestRefusedException) {
            String reason = ((RequestRefusedException) failure).reason();
            if (reason != null) {
                json.put("reason", reason);
            }
            return print("refused", uuid, json, HasAppCommand.REFUSED);
        }
        if (failure instanceof RequestFailedException) {
            json.put("error", ((RequestFailedException) failure).error());
            return print("failed", uuid, json, HasAppCommand.ERROR);
        }
        json.put("error", failure.getMessage() == null ? failure.toString() : failure.getMessage());
        return print(failure instanceof RequestExpiredException ? "expired" : "error", uuid, json, HasAppCommand.ERROR);
    }

    int error(String message) {
        ObjectNode json = object();
        json.put("error", message);
        return print("error", null, json, HasAppCommand.ERROR);
    }

    private int print(String status, String uuid, ObjectNode fields, int exitCode) {
        ObjectNode json = object();
        json.put("status", status);
        if (uuid != null) {
            json.put("uuid", uuid);
        }
        json.setAll(fields);
        out.println(json.toString());
        out.flush();
        return exitCode;
    }

    /**
     * A challenge answer as JSON; a signature also says whether it was made by {@code pubkey} over the
     * challenge ({@code verified}; the key is not checked against the account's keys on chain here).
     */
    static ObjectNode challenge(String text, ChallengeResult answer, boolean decrypted) {
        ObjectNode json = object();
        json.put("pubkey", answer.publicKey());
        json.put("challenge", answer.answer());
        if (!decrypted) {
            boolean verified;
            try {
                ChallengeVerifier.verifySignature(text, answer);
                verified = true;
            } catch (ChallengeVerificationException e) {
                verified = false;
            }
            json.put("verified", verified);
        }
        return json;
    }
}
