package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The test vectors generated with the reference JavaScript libraries (copied from {@code shared/vectors}
 * into {@code src/test/resources/vectors}), read by file name.
 */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    /** The whole file, e.g. {@code load("transactions.json").get("chain_id")}. */
    public static JsonNode load(String fileName) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector file " + fileName);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code cases} array of a vector file. */
    public static List<JsonNode> cases(String fileName) {
        List<JsonNode> cases = new ArrayList<>();
        load(fileName).get("cases").forEach(cases::add);
        if (cases.isEmpty()) {
            throw new IllegalStateException(fileName + " has no cases");
        }
        return cases;
    }
}
