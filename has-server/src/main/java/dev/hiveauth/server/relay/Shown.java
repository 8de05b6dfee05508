package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.json.Excerpt;

/**
 * How peer-supplied text appears in error messages and logs: short (an error never echoes a huge input
 * back) and printable (a control character never forges a log line).
 */
final class Shown {
    private Shown() {
    }

    static String name(String name) {
        return Excerpt.of(name);
    }
}
