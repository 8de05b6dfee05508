package dev.hiveauth.server.cli;

import sun.misc.Signal;

/**
 * Runs an action on SIGTERM or SIGINT instead of letting the JVM exit at once: the server then closes its
 * sockets with 1001 and the process exits 0 (a plain shutdown hook would exit 143). Uses {@code sun.misc.Signal}
 * (module jdk.unsupported), the only JDK way to handle a signal; falls back to a shutdown hook without it.
 */
final class ShutdownSignals {
    private ShutdownSignals() {
    }

    static void onTermination(Runnable action) {
        try {
            Signal.handle(new Signal("TERM"), signal -> action.run());
            Signal.handle(new Signal("INT"), signal -> action.run());
        } catch (IllegalArgumentException | LinkageError unsupported) {
            Runtime.getRuntime().addShutdownHook(new Thread(action, "has-shutdown"));
        }
    }
}
