package dev.hiveauth.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version (from the Maven project), sent in {@code connected.version}. */
final class ServerVersion {
    private static final String VERSION = read();

    private ServerVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = ServerVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return "hiveauth-java " + properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
