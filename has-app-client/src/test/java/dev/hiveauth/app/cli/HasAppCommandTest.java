package dev.hiveauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.app.LoopbackRelay;
import dev.hiveauth.app.ScriptedPksa;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.message.AuthNack;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.ChallengeAck;
import dev.hiveauth.protocol.message.ChallengeReq;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignErr;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.payload.AuthPayload;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.ChallengeReqData;
import dev.hiveauth.protocol.payload.ErrorText;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.NackData;
import dev.hiveauth.protocol.payload.SignReqData;
import dev.hiveauth.protocol.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code has-app login|sign|challenge} run in-process against the real HAS with a scripted wallet for alice. */
class HasAppCommandTest {
    private static final ClientManager WALLETS = ClientManager.createClient();
    private static final PrivateKey ALICE = PrivateKey.fromSeed("alice posting");
    private static final String KEY = "0f1e2d3c-4b5a-4678-9a0b-1c2d3e4f5a6b";
    private static final String VOTE = "[[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"p\",\"weight\":10000}]]";

    private LoopbackRelay relay;
    private ScriptedPksa wallet;

    @BeforeEach
    void start() throws Exception {
        relay = new LoopbackRelay(WALLETS);
        wallet = relay.alicesWallet();
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
    }

    @AfterAll
    static void releaseWallets() {
        WALLETS.shutdown();
    }

    private String[] withServer(String command, String... more) {
        String[] args = new String[more.length + 5];
        args[0] = command;
        args[1] = "--server";
        args[2] = relay.url();
        args[3] = "--account";
        args[4] = "alice";
        System.arraycopy(more, 0, args, 5, more.length);
        return args;
    }

    @Test
    void loginShowsTheLinkAndQrCodeThenPrintsTheAuthAndExitsZero(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("login.png");
        CommandRun login = CommandRun.start(Clock.systemUTC(), withServer("login", "--app-name", "cli-test",
                "--qr", "--qr-png", png.toString()));

        AuthPayload payload = AuthPayload.parse(login.awaitLink());
        AuthReq forwarded = wallet.request(AuthReq.class);
        assertThat(payload.uuid()).isEqualTo(forwarded.uuid());
        assertThat(payload.host()).isEqualTo(relay.url());
        assertThat(AuthReqData.decrypt(forwarded.data(), payload.key()).orElseThrow().app().name()).isEqualTo("cli-test");
        login.awaitStderr("s left");
        wallet.approve(forwarded, payload.key(), 1_900_000_000_000L, null, "legacy-token");

        assertThat(login.exitCode()).isZero();
        JsonNode result = login.result();
        assertThat(result.get("status").asText()).isEqualTo("approved");
        assertThat(result.get("uuid").asText()).isEqualTo(forwarded.uuid());
        assertThat(result.get("account").asText()).isEqualTo("alice");
        assertThat(result.get("auth_key").asText()).isEqualTo(payload.key());
        assertThat(result.get("expire").asLong()).isEqualTo(1_900_000_000_000L);
        assertThat(result.get("token").asText()).isEqualTo("legacy-token");
        assertThat(login.stderr()).contains("█").contains("QR code written to " + png)
                .as("the key only goes to the result").doesNotContain(payload.key());
        assertThat(ImageIO.read(png.toFile())).isNotNull();
    }

    @Test
    void aLoginChallengeComesBackVerified() throws Exception {
        CommandRun login = CommandRun.start(Clock.systemUTC(), withServer("login", "--challenge", "prove it",
                "--challenge-key-type", "posting"));
        AuthPayload payload = AuthPayload.parse(login.awaitLink());
        AuthReq forwarded = wallet.request(AuthReq.class);
        assertThat(AuthReqData.decrypt(forwarded.data(), payload.key()).orElseThrow().challenge())
                .isEqualTo(new AuthReqData.Challenge(KeyType.POSTING, "prove it"));
        wallet.approve(forwarded, payload.key(), 1_900_000_000_000L,
                new ChallengeAckData(ALICE.publicKey().toString(), ALICE.sign("prove it").toHex()), null);

        assertThat(login.exitCode()).isZero();
        JsonNode challenge = login.result().get("challenge");
        assertThat(challenge.get("pubkey").asText()).isEqualTo(ALICE.publicKey().toString());
        assertThat(challenge.get("verified").asBoolean()).isTrue();
        assertThat(login.result().has("token")).isFalse();
    }

    @Test
    void aRefusedLoginExitsOne() throws Exception {
        CommandRun login = CommandRun.start(Clock.systemUTC(), withServer("login"));
        String key = AuthPayload.parse(login.awaitLink()).key();
        AuthReq forwarded = wallet.request(AuthReq.class);
        wallet.send(new AuthNack(forwarded.uuid(), NackData.encrypt(forwarded.uuid(), key), wallet.pok(forwarded.uuid())));

        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.result().get("status").asText()).isEqualTo("refused");
        assertThat(login.result().get("uuid").asText()).isEqualTo(forwarded.uuid());
    }

    @Test
    void aLoginNobodyAnswersExpiresWithExitTwo() throws Exception {
        MutableClock clock = new MutableClock(relay.clock.millis());
        CommandRun login = CommandRun.start(clock, withServer("login"));
        login.awaitLink();
        login.awaitStderr("60 s left");

        clock.advance(Duration.ofSeconds(60));

        assertThat(login.exitCode()).isEqualTo(2);
        assertThat(login.result().get("status").asText()).isEqualTo("expired");
    }

    @Test
    void signPrintsTheTransactionIdAndSendsTheTokenBack() throws Exception {
        CommandRun sign = CommandRun.start(Clock.systemUTC(), withServer("sign", "--auth-key", KEY,
                "--auth-expire", "1900000000000", "--token", "legacy-token", "--key-type", "posting", "--ops", VOTE));

        SignReq forwarded = wallet.request(SignReq.class);
        assertThat(forwarded.token()).isEqualTo("legacy-token");
        SignReqData asked = SignReqData.decrypt(forwarded.data(), KEY).orElseThrow();
        assertThat(asked.broadcast()).isTrue();
        assertThat(asked.ops().toString()).isEqualTo(VOTE);
        wallet.send(SignAck.broadcast(forwarded.uuid(), "abc123", wallet.pok(forwarded.uuid())));

        assertThat(sign.exitCode()).isZero();
        assertThat(sign.result().toString()).isEqualTo("{\"status\":\"approved\",\"uuid\":\"" + forwarded.uuid()
                + "\",\"broadcast\":true,\"txid\":\"abc123\"}");
    }

    @Test
    void signWithoutBroadcastPrintsTheSignedTransaction() throws Exception {
        CommandRun sign = CommandRun.start(Clock.systemUTC(), withServer("sign", "--auth-key", KEY,
                "--key-type", "active", "--ops", VOTE, "--no-broadcast"));

        SignReq forwarded = wallet.request(SignReq.class);
        SignReqData asked = SignReqData.decrypt(forwarded.data(), KEY).orElseThrow();
        assertThat(asked.broadcast()).isFalse();
        assertThat(asked.keyType()).isEqualTo(KeyType.ACTIVE);
        JsonNode tx = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"signatures\":[\"1f\"]}");
        wallet.send(SignAck.signedOnly(forwarded.uuid(), tx, wallet.pok(forwarded.uuid())));

        assertThat(sign.exitCode()).isZero();
        assertThat(sign.result().get("transaction")).isEqualTo(tx);
        assertThat(sign.result().get("broadcast").asBoolean()).isFalse();
    }

    @Test
    void aWalletErrorExitsTwoWithTheDecryptedMessage() throws Exception {
        CommandRun sign = CommandRun.start(Clock.systemUTC(), withServer("sign", "--auth-key", KEY,
                "--key-type", "posting", "--ops", VOTE));
        SignReq forwarded = wallet.request(SignReq.class);
        wallet.send(new SignErr(forwarded.uuid(), ErrorText.encrypt("node refused the transaction", KEY),
                wallet.pok(forwarded.uuid())));

        assertThat(sign.exitCode()).isEqualTo(2);
        assertThat(sign.result().get("status").asText()).isEqualTo("failed");
        assertThat(sign.result().get("error").asText()).isEqualTo("node refused the transaction");
    }

    @Test
    void challengePrintsTheVerifiedSignatureOrTheDecryptedText() throws Exception {
        CommandRun challenge = CommandRun.start(Clock.systemUTC(), withServer("challenge", "--auth-key", KEY,
                "--key-type", "posting", "--challenge", "sign me"));
        ChallengeReq forwarded = wallet.request(ChallengeReq.class);
        assertThat(ChallengeReqData.decrypt(forwarded.data(), KEY).orElseThrow().challenge()).isEqualTo("sign me");
        ChallengeAckData answer = new ChallengeAckData(ALICE.publicKey().toString(), ALICE.sign("sign me").toHex());
        wallet.send(new ChallengeAck(forwarded.uuid(), answer.encrypt(KEY), wallet.pok(forwarded.uuid())));
        assertThat(challenge.exitCode()).isZero();
        assertThat(challenge.result().get("verified").asBoolean()).isTrue();
        assertThat(challenge.result().get("challenge").asText()).isEqualTo(answer.challenge());

        CommandRun decrypt = CommandRun.start(Clock.systemUTC(), withServer("challenge", "--auth-key", KEY,
                "--key-type", "memo", "--challenge", "#memo", "--decrypt"));
        ChallengeReq second = wallet.request(ChallengeReq.class);
        assertThat(ChallengeReqData.decrypt(second.data(), KEY).orElseThrow().decrypt()).isTrue();
        wallet.send(new ChallengeAck(second.uuid(), new ChallengeAckData("STMx", "#plain").encrypt(KEY),
                wallet.pok(second.uuid())));
        assertThat(decrypt.exitCode()).isZero();
        assertThat(decrypt.result().get("challenge").asText()).isEqualTo("#plain");
        assertThat(decrypt.result().has("verified")).isFalse();
    }

    @Test
    void anExpiredAuthIsNotSent() throws Exception {
        CommandRun sign = CommandRun.finished(Clock.systemUTC(), withServer("sign", "--auth-key", KEY,
                "--auth-expire", "1000", "--key-type", "posting", "--ops", VOTE));

        assertThat(sign.exitCode()).isEqualTo(2);
        assertThat(sign.result().get("error").asText()).contains("expired");
        assertThat(wallet.nothingReceived()).isTrue();
    }

    @Test
    void invalidUsageExitsTwoWithAJsonErrorAndTheUsageOnStderr() throws Exception {
        String[][] wrong = {
            {"login", "--account", "alice"},
            withServer("sign", "--auth-key", KEY, "--key-type", "owner", "--ops", VOTE),
            withServer("sign", "--auth-key", KEY, "--key-type", "memo", "--ops", VOTE),
            withServer("sign", "--auth-key", KEY, "--key-type", "posting", "--ops", "[[\"vote\",{}]]"),
            withServer("sign", "--auth-key", KEY, "--key-type", "posting", "--ops", "{not json"),
            withServer("login", "--challenge-key-type", "active"),
            withServer("launch"),
            {},
        };
        for (String[] args : wrong) {
            CommandRun run = CommandRun.finished(Clock.systemUTC(), args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.result().get("status").asText()).isEqualTo("error");
            assertThat(run.stderr()).contains("Usage: has-app");
        }
        assertThat(wallet.nothingReceived()).isTrue();
    }

    @Test
    void helpGoesToStdoutWithExitZero() throws Exception {
        for (String[] args : new String[][] {{"--help"}, {"login", "--help"}, {"sign", "--help"}, {"challenge", "--help"}}) {
            CommandRun run = CommandRun.finished(Clock.systemUTC(), args);
            assertThat(run.exitCode()).isZero();
            assertThat(run.stdout()).startsWith("Usage: has-app");
        }
    }

    @Test
    void anUnreachableServerIsAnErrorWithExitTwo() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CommandRun login = CommandRun.finished(Clock.systemUTC(), "login", "--server", "ws://127.0.0.1:" + port + "/",
                "--account", "alice");

        assertThat(login.exitCode()).isEqualTo(2);
        assertThat(login.result().get("error").asText()).contains("cannot connect");
    }

}
