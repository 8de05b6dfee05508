package dev.hiveauth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.payload.KeyType;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Checking a wallet's signed challenge: by signature alone, and against the account's keys on chain. */
class ChallengeVerifierTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final PrivateKey POSTING = PrivateKey.fromSeed("alice posting");
    private static final PrivateKey ACTIVE = PrivateKey.fromSeed("alice active");
    private static final PrivateKey MEMO = PrivateKey.fromSeed("alice memo");
    private static final PrivateKey MALLORY = PrivateKey.fromSeed("mallory");
    private static final String CHALLENGE = "login to myapp at 1800000000000";

    private static ChallengeResult signedBy(PrivateKey key, String text) {
        return new ChallengeResult("u-1", key.publicKey().toString(), key.sign(text).toHex());
    }

    @Test
    void aSignatureByTheNamedKeyVerifies() {
        assertThat(ChallengeVerifier.verifySignature(CHALLENGE, signedBy(POSTING, CHALLENGE)))
                .isEqualTo(POSTING.publicKey());
    }

    @Test
    void aSignatureThatDoesNotMatchItsPubkeyOrTextIsRejected() {
        ChallengeResult otherSigner = new ChallengeResult("u-1", POSTING.publicKey()
                .toString(), MALLORY.sign(CHALLENGE).toHex());
        assertThatThrownBy(() -> ChallengeVerifier.verifySignature(CHALLENGE, otherSigner))
                .isInstanceOf(ChallengeVerificationException.class).hasMessageContaining("not made by");
        assertThatThrownBy(() -> ChallengeVerifier.verifySignature("another text", signedBy(POSTING, CHALLENGE)))
                .isInstanceOf(ChallengeVerificationException.class);
        assertThatThrownBy(() -> ChallengeVerifier.verifySignature(CHALLENGE, new ChallengeResult("u-1", "STMnope", "00")))
                .isInstanceOf(ChallengeVerificationException.class).hasMessageContaining("pubkey");
        assertThatThrownBy(() -> ChallengeVerifier.verifySignature(CHALLENGE,
                new ChallengeResult("u-1", POSTING.publicKey().toString(), "zz")))
                .isInstanceOf(ChallengeVerificationException.class).hasMessageContaining("not a signature");
    }

    @Test
    void withALookupTheSignerMustBeOneOfTheAccountsKeysOfThatType() {
        ChallengeVerifier verifier = new ChallengeVerifier((account, type) -> CompletableFuture.completedFuture(
                type == KeyType.POSTING ? Set.of(POSTING.publicKey()) : Set.of(ACTIVE.publicKey())));

        assertThat(verifier.verify("alice", KeyType.POSTING, CHALLENGE, signedBy(POSTING, CHALLENGE)))
                .succeedsWithin(WAIT).isEqualTo(POSTING.publicKey());
        assertThat(verifier.verify("alice", KeyType.ACTIVE, CHALLENGE, signedBy(POSTING, CHALLENGE)))
                .failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ChallengeVerificationException.class).withMessageContaining("active keys");
        assertThat(verifier.verify("alice", KeyType.POSTING, CHALLENGE, signedBy(MALLORY, CHALLENGE)))
                .failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ChallengeVerificationException.class);
    }

    @Test
    void onChainTheKeysOfEachTypeComeFromTheAccountsAuthoritiesAndMemoKey() throws Exception {
        HttpServer node = fakeNode();
        try {
            HiveClient hive = HiveClient.builder().node("http://127.0.0.1:" + node.getAddress().getPort() + "/")
                    .build();
            AccountKeyLookup keys = AccountKeyLookup.onChain(hive);

            assertThat(keys.keys("alice", KeyType.POSTING)).succeedsWithin(WAIT).isEqualTo(Set.of(POSTING.publicKey()));
            assertThat(keys.keys("alice", KeyType.ACTIVE)).succeedsWithin(WAIT).isEqualTo(Set.of(ACTIVE.publicKey()));
            assertThat(keys.keys("alice", KeyType.MEMO)).succeedsWithin(WAIT).isEqualTo(Set.of(MEMO.publicKey()));
            assertThat(keys.keys("nobody", KeyType.POSTING)).succeedsWithin(WAIT).isEqualTo(Set.<PublicKey>of());
            assertThat(new ChallengeVerifier(keys).verify("alice", KeyType.MEMO, CHALLENGE, signedBy(MEMO, CHALLENGE)))
                    .succeedsWithin(WAIT).isEqualTo(MEMO.publicKey());
        } finally {
            node.stop(0);
        }
    }

    /** A JSON-RPC node that knows alice (each role with its own key) and nobody else. */
    private static HttpServer fakeNode() throws Exception {
        HttpServer node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = request.replaceAll(".*\"id\"\\s*:\\s*(\\d+).*", "$1");
            String accounts = request.contains("\"alice\"") ? "[" + alice() + "]" : "[]";
            byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + accounts + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        node.start();
        return node;
    }

    private static String alice() {
        return "{\"name\":\"alice\",\"owner\":" + authority(PrivateKey.fromSeed("alice owner")) + ",\"active\":"
                + authority(ACTIVE) + ",\"posting\":" + authority(POSTING) + ",\"memo_key\":\""
                + MEMO.publicKey() + "\",\"balance\":\"1.000 HIVE\"}";
    }

    private static String authority(PrivateKey key) {
        return "{\"weight_threshold\":1,\"account_auths\":[],\"key_auths\":[[\"" + key.publicKey() + "\",1]]}";
    }
}
