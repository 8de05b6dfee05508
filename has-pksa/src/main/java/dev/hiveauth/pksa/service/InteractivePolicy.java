package dev.hiveauth.pksa.service;

import dev.hiveauth.pksa.ApprovalPolicy;
import dev.hiveauth.pksa.ApprovalRequest;
import dev.hiveauth.pksa.AuthApproval;
import dev.hiveauth.pksa.ChallengeApproval;
import dev.hiveauth.pksa.Decision;
import dev.hiveauth.pksa.SignApproval;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks the operator on a terminal: shows the application, the account, the key and each operation in readable
 * form, and waits for {@code y} or {@code n}. One question at a time; no answer before the timeout (or before
 * the request expires) counts as no approval ({@link Decision#ABSTAIN}), {@code n} as an explicit
 * {@link Decision#REJECT}. When the input ends, nothing more is approved.
 */
public final class InteractivePolicy implements ApprovalPolicy, AutoCloseable {
    /** Stop asking this long before the request expires: the answer must still reach the application. */
    private static final long MARGIN_MILLIS = 2_000;
    private static final String END_OF_INPUT = "\u0000end";

    private final PrintStream out;
    private final Duration timeout;
    private final Clock clock;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ExecutorService questions;
    private volatile boolean inputEnded;

    /**
     * @param in where answers are read (the terminal)
     * @param out where questions are printed
     * @param timeout how long to wait for an answer at most
     * @param clock the clock requests' expiry is measured with
     */
    public InteractivePolicy(InputStream in, PrintStream out, Duration timeout, Clock clock) {
        this.out = out;
        this.timeout = timeout;
        this.clock = clock;
        this.questions = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "has-pksa-question"));
        Thread reader = daemon(() -> readLines(in), "has-pksa-stdin");
        reader.start();
    }

    @Override
    public CompletionStage<Decision> decide(ApprovalRequest request) {
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        questions.execute(() -> {
            try {
                answer.complete(ask(request));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.complete(Decision.ABSTAIN);
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private Decision ask(ApprovalRequest request) throws InterruptedException {
        long wait = Math.min(timeout.toMillis(), request.expire() - clock.millis() - MARGIN_MILLIS);
        if (wait <= 0) {
            out.println("(a request from " + TerminalText.quoted(request.app(), 100) + " for " + request.account()
                    + " expired before it could be asked)");
            return Decision.ABSTAIN;
        }
        lines.clear(); // anything typed before the question is not an answer to it
        if (inputEnded) {
            return Decision.ABSTAIN;
        }
        out.println();
        out.print(describe(request));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
        out.printf("Approve? [y/n] (%d s): ", Math.max(1, wait / 1000));
        out.flush();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                out.println();
                out.println("No answer in time: not approved.");
                return Decision.ABSTAIN;
            }
            if (line.equals(END_OF_INPUT)) {
                out.println();
                out.println("Input closed: not approved.");
                return Decision.ABSTAIN;
            }
            String word = line.strip().toLowerCase(Locale.ROOT);
            if (word.equals("y") || word.equals("yes")) {
                out.println("Approved.");
                return Decision.APPROVE;
            }
            if (word.equals("n") || word.equals("no")) {
                out.println("Refused.");
                return Decision.REJECT;
            }
            out.print("Please answer y or n: ");
            out.flush();
        }
    }

    /** The question's text, one fact per line. */
    static String describe(ApprovalRequest request) {
        StringBuilder text = new StringBuilder();
        if (request instanceof AuthApproval auth) {
            text.append("== Authentication request ==\n");
            line(text, "application", TerminalText.quoted(auth.application().name(), 100)
                    + (auth.application().description() == null ? ""
                    : " (" + TerminalText.clean(auth.application().description(), 200) + ")"));
            line(text, "account", request.account());
            line(text, "valid until", Instant.ofEpochMilli(auth.authExpire()).toString());
            if (auth.challenge() != null) {
                line(text, "challenge", "sign " + TerminalText.quoted(auth.challenge(), 200) + " with the "
                        + auth.challengeKeyType().jsonName() + " key");
            }
        } else if (request instanceof SignApproval sign) {
            text.append("== Transaction request ==\n");
            line(text, "application", TerminalText.quoted(request.app(), 100));
            line(text, "account", request.account());
            line(text, "key", sign.keyType().jsonName());
            line(text, "broadcast", sign.broadcast() ? "yes"
                    : "no (the signed transaction goes back to the application, which may broadcast it)");
            text.append("operations:\n");
            for (int i = 0; i < sign.operations().size(); i++) {
                text.append("  ").append(i + 1).append(". ").append(OperationText.describe(sign.operations().get(i)))
                        .append('\n');
            }
        } else {
            ChallengeApproval challenge = (ChallengeApproval) request;
            text.append("== Challenge request ==\n");
            line(text, "application", TerminalText.quoted(request.app(), 100));
            line(text, "account", request.account());
            line(text, "key", challenge.keyType().jsonName());
            line(text, challenge.decrypt() ? "decrypt" : "sign", TerminalText.quoted(challenge.challenge(), 200));
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-12s %s%n", label + ":", value));
    }

    private void readLines(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // an unreadable terminal is a closed one
        }
        inputEnded = true;
        lines.add(END_OF_INPUT);
    }

    @Override
    public void close() {
        questions.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
