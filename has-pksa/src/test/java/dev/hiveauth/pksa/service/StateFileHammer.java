package dev.hiveauth.pksa.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link StateFileCrashTest}: rewrites a storage file as fast as it can, each time with
 * one more nonce, through the same writer the PKSA uses. It prints {@code writing N} just before a write
 * starts and {@code written N} once it returned, so the parent can kill it in the middle of one.
 */
public final class StateFileHammer {
    private StateFileHammer() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(Files.readAllBytes(file));
        ArrayNode auths = (ArrayNode) root.get("accounts").get(0).get("auths");
        for (long nonce = Long.parseLong(args[1]); ; nonce++) {
            ((ObjectNode) auths.get((int) (nonce % auths.size()))).put("nonce", nonce);
            byte[] content = (JsonText.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8);
            System.out.println("writing " + nonce);
            System.out.flush();
            AtomicFile.write(file, content);
            System.out.println("written " + nonce);
            System.out.flush();
        }
    }
}
