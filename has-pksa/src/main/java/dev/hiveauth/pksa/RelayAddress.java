package dev.hiveauth.pksa;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Relay URLs as one connection each: {@code wss://Host.example/} and {@code wss://host.example} are the same
 * relay (payloads are seen with and without the trailing slash; SPEC §1 serves both).
 */
final class RelayAddress {
    private RelayAddress() {
    }

    static URI normalize(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a relay URL: " + text);
        }
        return normalize(uri);
    }

    static URI normalize(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("a relay URL must start with ws:// or wss://, got " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("a relay URL needs a host, got " + uri);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            return new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), path, uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a relay URL: " + uri);
        }
    }
}
