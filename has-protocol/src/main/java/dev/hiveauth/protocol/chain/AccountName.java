package dev.hiveauth.protocol.chain;

import dev.hiveauth.protocol.json.Excerpt;
import java.util.Optional;

/**
 * Hive's account-name rule, as hived's {@code is_valid_account_name} applies it: 3 to 16 characters;
 * dot-separated segments of at least 3 characters, each starting with a lower-case letter, ending with a
 * lower-case letter or digit, and otherwise made of lower-case letters, digits and hyphens.
 * (Front ends also forbid two hyphens in a row when creating accounts; the chain does not, so neither
 * does this class: such accounts can exist.)
 */
public final class AccountName {
    /** The shortest account name Hive accepts. */
    public static final int MIN_LENGTH = 3;
    /** The longest account name Hive accepts. */
    public static final int MAX_LENGTH = 16;

    private AccountName() {
    }

    /** True when {@code name} is a valid Hive account name (hived's {@code is_valid_account_name}). */
    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    /** Returns {@code name} if valid; otherwise throws {@link ChainFormatException} saying why. */
    public static String requireValid(String name) {
        Optional<String> problem = problem(name);
        if (problem.isPresent()) {
            throw new ChainFormatException("", problem.get());
        }
        return name;
    }

    /** Why {@code name} is not a valid account name, or empty if it is. */
    public static Optional<String> problem(String name) {
        if (name == null) {
            return Optional.of("account name is missing");
        }
        String quoted = "\"" + Excerpt.of(name) + "\""; // a peer may send a name of any length
        if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
            return Optional.of(quoted + " is not a valid account name: it has " + characters(name.length())
                    + ", an account name has " + MIN_LENGTH + " to " + MAX_LENGTH);
        }
        for (String segment : name.split("\\.", -1)) {
            Optional<String> segmentProblem = segmentProblem(segment);
            if (segmentProblem.isPresent()) {
                return Optional.of(quoted + " is not a valid account name: " + segmentProblem.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> segmentProblem(String segment) {
        if (segment.length() < MIN_LENGTH) {
            return Optional.of("each dot-separated part needs at least 3 characters, \"" + segment + "\" has "
                    + segment.length());
        }
        if (!isLetter(segment.charAt(0))) {
            return Optional.of("\"" + segment + "\" must start with a lower-case letter");
        }
        char last = segment.charAt(segment.length() - 1);
        if (!isLetter(last) && !isDigit(last)) {
            return Optional.of("\"" + segment + "\" must end with a lower-case letter or a digit");
        }
        for (int i = 1; i < segment.length() - 1; i++) {
            char c = segment.charAt(i);
            if (!isLetter(c) && !isDigit(c) && c != '-') {
                return Optional.of("'" + c + "' is not allowed (only lower-case letters, digits, hyphens and dots)");
            }
        }
        return Optional.empty();
    }

    private static String characters(int count) {
        return count == 1 ? "1 character" : count + " characters";
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
