package dev.hiveauth.server.cli;

import dev.hiveauth.server.HasServer;
import picocli.CommandLine;

/** {@code --version}: this build's version. */
final class ServerVersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {HasServer.version()};
    }
}
