package dev.hiveauth.app.cli;

import dev.hiveauth.protocol.payload.KeyType;
import picocli.CommandLine;

/** Reads {@code posting}, {@code active} or {@code memo}, as the protocol writes key types. */
final class KeyTypeConverter implements CommandLine.ITypeConverter<KeyType> {
    @Override
    public KeyType convert(String value) {
        return KeyType.fromJson(value).orElseThrow(() ->
                new CommandLine.TypeConversionException("'" + value + "' is not a key type: posting, active or memo"));
    }
}
