package dev.hiveauth.server.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Logging for the runnable jar: its own logback configuration, and Grizzly's and Tyrus's JUL logs through SLF4J. */
final class ServerLogging {
    private ServerLogging() {
    }

    static void install() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/hiveauth/server/cli/logback.xml");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
