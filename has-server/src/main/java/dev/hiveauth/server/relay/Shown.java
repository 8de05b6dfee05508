package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.json.Excerpt;
import java.util.Collection;
import java.util.List;

/**
 * How peer-supplied text appears in error messages and logs: short (an error never echoes a huge input
 * back) and printable (a control character never forges a log line).
 */
final class Shown {
    private Shown() {
    }

    /** How many items a log line names before it says how many more there are. */
    static final int LISTED = 3;

    static String name(String name) {
        return Excerpt.of(name);
    }

    /** The first few names, and how many more: "alice, bob, carol and 997 more". */
    static String names(Collection<String> names) {
        return first(names.stream().map(Shown::name).toList());
    }

    /** The first few items (already shown safely), and how many more; separated by "; " when they are sentences. */
    static String first(List<String> items) {
        String separator = items.stream().anyMatch(item -> item.contains(" ")) ? "; " : ", ";
        String listed = String.join(separator, items.subList(0, Math.min(LISTED, items.size())));
        return items.size() <= LISTED ? listed : listed + " and " + (items.size() - LISTED) + " more";
    }
}
