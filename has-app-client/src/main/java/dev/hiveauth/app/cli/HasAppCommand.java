package dev.hiveauth.app.cli;

/** Entry point of the runnable jar; the real command lands with its issue. */
public final class HasAppCommand {
    private HasAppCommand() {
    }

    public static void main(String[] args) {
        System.err.println("has-app-client: not implemented yet");
        System.exit(2);
    }
}
