package dev.hiveauth.pksa.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.pksa.ApprovalRequest;
import dev.hiveauth.pksa.AuthApproval;
import dev.hiveauth.pksa.ChallengeApproval;
import dev.hiveauth.pksa.Decision;
import dev.hiveauth.pksa.SignApproval;
import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** --interactive: the operator reads what is asked and answers y or n on the terminal, in time. */
class InteractivePolicyTest {
    private final MutableClock clock = new MutableClock(1_800_000_000_000L);
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private PipedOutputStream keyboard;
    private InteractivePolicy policy;

    @BeforeEach
    void terminal() throws IOException {
        keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard);
        policy = new InteractivePolicy(in, new PrintStream(screen, true, StandardCharsets.UTF_8), Duration.ofSeconds(30), clock);
    }

    @AfterEach
    void close() throws IOException {
        policy.close();
        keyboard.close();
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private Decision answer(ApprovalRequest request, String... lines) throws Exception {
        CompletableFuture<Decision> decision = policy.decide(request).toCompletableFuture();
        await().atMost(Duration.ofSeconds(5)).until(() -> screen().contains("Approve? [y/n]"));
        for (String line : lines) {
            keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }
        return decision.get(5, TimeUnit.SECONDS);
    }

    private SignApproval transferAndVote() {
        return new SignApproval("alice", "peakd.com", KeyType.ACTIVE, List.of(
                Operation.fromJson("[\"transfer\",{\"from\":\"alice\",\"to\":\"bob\",\"amount\":\"1.000 HIVE\",\"memo\":\"thanks\"}]"),
                Operation.fromJson("[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"hello\",\"weight\":10000}]")),
                true, clock.millis() + 60_000);
    }

    @Test
    void showsTheTransactionAndApprovesOnY() throws Exception {
        assertThat(answer(transferAndVote(), "y")).isEqualTo(Decision.APPROVE);

        assertThat(screen()).contains(
                "== Transaction request ==",
                "application: \"peakd.com\"",
                "account:     alice",
                "key:         active",
                "broadcast:   yes",
                "  1. transfer 1.000 HIVE from alice to bob, memo \"thanks\"",
                "  2. upvote @bob/hello at 100.00 % as alice",
                "Approve? [y/n] (30 s): ",
                "Approved.");
    }

    @Test
    void refusesOnN() throws Exception {
        assertThat(answer(transferAndVote(), "N")).isEqualTo(Decision.REJECT);
        assertThat(screen()).contains("Refused.");
    }

    @Test
    void asksAgainUntilTheAnswerIsYesOrNo() throws Exception {
        assertThat(answer(transferAndVote(), "maybe", "", "yes")).isEqualTo(Decision.APPROVE);
        assertThat(screen()).contains("Please answer y or n: ");
    }

    @Test
    void noAnswerInTimeApprovesNothing() throws Exception {
        InteractivePolicy impatient = new InteractivePolicy(new PipedInputStream(new PipedOutputStream()),
                new PrintStream(screen, true, StandardCharsets.UTF_8), Duration.ofMillis(200), clock);

        Decision decision = impatient.decide(transferAndVote()).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(decision).isEqualTo(Decision.ABSTAIN);
        assertThat(screen()).contains("(1 s): ").contains("No answer in time: not approved.");
        impatient.close();
    }

    @Test
    void neverAsksAboutARequestAboutToExpire() throws Exception {
        SignApproval soon = new SignApproval("alice", "app", KeyType.POSTING, transferAndVote().operations(), true,
                clock.millis() + 1_500);

        assertThat(policy.decide(soon).toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(Decision.ABSTAIN);
        assertThat(screen()).contains("expired before it could be asked").doesNotContain("Approve?");
    }

    @Test
    void aClosedTerminalApprovesNothing() throws Exception {
        CompletableFuture<Decision> decision = policy.decide(transferAndVote()).toCompletableFuture();
        await().atMost(Duration.ofSeconds(5)).until(() -> screen().contains("Approve?"));

        keyboard.close();

        assertThat(decision.get(5, TimeUnit.SECONDS)).isEqualTo(Decision.ABSTAIN);
        assertThat(policy.decide(transferAndVote()).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(Decision.ABSTAIN);
    }

    @Test
    void describesAuthenticationsAndChallenges() throws Exception {
        AuthApproval auth = new AuthApproval("alice", new AuthReqData.App("peakd.com", "Peakd social", null),
                KeyType.POSTING, "login:42", 1_800_086_400_000L, clock.millis() + 60_000);
        assertThat(answer(auth, "y")).isEqualTo(Decision.APPROVE);
        assertThat(screen()).contains("== Authentication request ==", "application: \"peakd.com\" (Peakd social)",
                "valid until: 2027-01-16T08:00:00Z", "challenge:   sign \"login:42\" with the posting key");

        ChallengeApproval challenge = new ChallengeApproval("alice", "peakd.com", KeyType.MEMO, "#secret", true,
                clock.millis() + 60_000);
        assertThat(answer(challenge, "n")).isEqualTo(Decision.REJECT);
        assertThat(screen()).contains("== Challenge request ==", "key:         memo", "decrypt:     \"#secret\"");
    }

    @Test
    void textFromTheApplicationCannotControlTheTerminal() throws Exception {
        SignApproval sneaky = new SignApproval("alice", "evil\u001b[2J\u001b[Hgood.app", KeyType.POSTING, List.of(
                Operation.fromJson("[\"transfer\",{\"from\":\"alice\",\"to\":\"bob\",\"amount\":\"9.000 HIVE\","
                        + "\"memo\":\"gift\\r  1. vote \u202etxet\"}]")), true, clock.millis() + 60_000);

        answer(sneaky, "n");

        assertThat(screen()).contains("\"evil\\u001b[2J\\u001b[Hgood.app\"", "memo \"gift\\u000d  1. vote \\u202etxet\"")
                .doesNotContain("\u001b").doesNotContain("\u202e");
    }
}
