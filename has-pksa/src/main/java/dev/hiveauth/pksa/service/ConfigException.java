package dev.hiveauth.pksa.service;

/**
 * The service configuration ({@code storage.json} or {@code keys.json}) cannot be used; the message names the
 * file, the field and the problem, never a secret.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A configuration that cannot be used, for the reason {@code message} gives. */
    public ConfigException(String message) {
        super(message, null, false, false);
    }

    /** A configuration that cannot be used, for the reason {@code message} gives, found through {@code cause}. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
