package dev.hiveauth.pksa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a relay's {@code error} messages. The protocol gives them no code, only words, so this knows the wording of
 * this project's relay (SPEC §5, §7) and the common words of rate limiters, and treats anything else as something
 * that may pass: a wallet that gives up on a registration or an approval for a reason it does not understand serves
 * nobody, while one that tries again, spaced out, costs little.
 */
final class RelayErrors {
    private static final String REGISTRATION_FAILED = "registration failed: ";
    /** {@code name (reason)}: the form of each account in a registration error. */
    private static final Pattern ACCOUNT = Pattern.compile("([a-z0-9.-]{3,16}) \\((.*)\\)", Pattern.DOTALL);
    /** Reasons that will not change by asking again (until the wallet's keys or the chain change). */
    private static final List<String> STANDING_REGISTRATION = List.of("no such account", "invalid account name",
            "accounts, the limit", "does not decrypt", "not one of", "not addressed", "not a memo", "too long");
    /** Answers to a reply that mean it is over: another wallet won, or the request is gone. */
    private static final List<String> REPLY_SETTLED = List.of("already answered", "unknown or expired");
    /** Answers to a reply that asking again will not change. */
    private static final List<String> REPLY_STANDING = List.of("\"pok\" is required", "pok", " is a ");

    /** What became of a reply the relay answered with an error. */
    enum ReplyFate {
        /** Nothing more to do: answered by another wallet, or expired. */
        SETTLED,
        /** The relay will not take this reply, however often it is sent. */
        REFUSED,
        /** The relay did not count this connection as registered for the account: send it after registering. */
        AFTER_REGISTRATION,
        /** Rate, load, the chain out of reach, or words not understood: send it again after a pause. */
        RETRY
    }

    private RelayErrors() {
    }

    static boolean isRegistrationFailure(String error) {
        return error.startsWith(REGISTRATION_FAILED);
    }

    /**
     * The accounts a registration error names, each with its reason, in order; empty when the error names none this
     * way (then the caller treats every account it is waiting for as refused).
     */
    static Map<String, String> refusedAccounts(String error) {
        Map<String, String> refused = new LinkedHashMap<>();
        if (!isRegistrationFailure(error)) {
            return refused;
        }
        for (String part : error.substring(REGISTRATION_FAILED.length()).split("; ")) {
            Matcher matcher = ACCOUNT.matcher(part.strip());
            if (matcher.matches()) {
                refused.put(matcher.group(1), matcher.group(2));
            }
        }
        return refused;
    }

    /** True when asking again soon may succeed (the relay could not reach the chain, was busy, rate limited us…). */
    static boolean isPassing(String registrationReason) {
        String reason = registrationReason.toLowerCase(Locale.ROOT);
        if (reason.contains("timestamp") || reason.contains("now") || reason.contains("try again")) {
            return true; // "cannot check the account on chain now", a clock that drifted, "try again later"
        }
        return STANDING_REGISTRATION.stream().noneMatch(reason::contains);
    }

    static ReplyFate replyFate(String error) {
        String text = error.toLowerCase(Locale.ROOT);
        if (REPLY_SETTLED.stream().anyMatch(text::contains)) {
            return ReplyFate.SETTLED;
        }
        if (text.contains("has not registered")) {
            return ReplyFate.AFTER_REGISTRATION;
        }
        if (text.contains("rate limit") || text.contains("busy") || text.contains(" now")) {
            return ReplyFate.RETRY; // "cannot check the pok against alice's keys now"
        }
        return REPLY_STANDING.stream().anyMatch(text::contains) ? ReplyFate.REFUSED : ReplyFate.RETRY;
    }
}
