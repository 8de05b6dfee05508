package dev.hiveauth.server.cli;

/** Entry point of the runnable jar; the real command lands with its issue. */
public final class HasServerCommand {
    private HasServerCommand() {
    }

    public static void main(String[] args) {
        System.err.println("has-server: not implemented yet");
        System.exit(2);
    }
}
