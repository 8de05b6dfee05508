package dev.hiveauth.server.relay;

/** How peer-supplied text appears in error messages: short, so an error never echoes a huge input back. */
final class Shown {
    private static final int MAX_NAME = 32;

    private Shown() {
    }

    static String name(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "…";
    }
}
