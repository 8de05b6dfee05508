package dev.hiveauth.server.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A PKCS#12 keystore holding the server's certificate and key, for serving {@code wss://} directly. */
public record TlsKeystore(Path path, char[] password) {

    SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use TLS keystore " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsKeystore[" + path + "]"; // never the password
    }
}
