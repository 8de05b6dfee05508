package dev.hiveauth.app.cli;

import picocli.CommandLine.Option;

/** The options every command shares: which HAS, which account. */
final class ServerOptions {
    @Option(names = "--server", required = true, paramLabel = "URL",
            description = "The HAS WebSocket URL, e.g. wss://hive-auth.arcange.eu")
    String server;

    @Option(names = "--account", required = true, paramLabel = "NAME", description = "The Hive account")
    String account;
}
