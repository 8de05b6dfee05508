package dev.hiveauth.app;

import java.util.List;
import java.util.Locale;

/**
 * Tells a relay's refusal that passes (too fast, too many pending requests, server busy) from one that stands
 * (an invalid account name). The protocol gives errors no code, only words, so this reads them: the phrases of
 * this project's relay and the common wording of rate limiters. A request refused so was not taken by the relay
 * and can be sent again without showing the user anything twice.
 */
final class TransientRefusal {
    private static final List<String> PHRASES = List.of("rate limit", "too many", "try again", "busy",
            "pending requests", "waiting requests hold");

    private TransientRefusal() {
    }

    static boolean isTransient(String error) {
        String text = error.toLowerCase(Locale.ROOT);
        return PHRASES.stream().anyMatch(text::contains);
    }
}
