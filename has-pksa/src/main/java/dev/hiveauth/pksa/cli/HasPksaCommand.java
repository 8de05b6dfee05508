package dev.hiveauth.pksa.cli;

/** Entry point of the runnable jar; the real command lands with its issue. */
public final class HasPksaCommand {
    private HasPksaCommand() {
    }

    public static void main(String[] args) {
        System.err.println("has-pksa: not implemented yet");
        System.exit(2);
    }
}
