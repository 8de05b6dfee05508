package dev.hiveauth.protocol.message;

/** Checks shared by the three request records. */
final class Requests {
    private Requests() {
    }

    /** {@code uuid} and {@code expire} are set together (forwarded form) or not at all (APP form). */
    static void checkForwardFields(String uuid, Long expire) {
        if ((uuid == null) != (expire == null)) {
            throw new IllegalArgumentException("uuid and expire go together");
        }
        if (expire != null && expire < 0) {
            throw new IllegalArgumentException("expire must not be negative");
        }
    }

    static void checkExpire(long expire) {
        if (expire < 0) {
            throw new IllegalArgumentException("expire must not be negative");
        }
    }
}
