package dev.hiveauth.protocol.chain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;

/**
 * The chain's time stamps: whole UTC seconds that fit in a uint32, written {@code "2026-11-22T20:00:00"}
 * (no zone letter, as the nodes write them; a trailing {@code Z} is accepted on input).
 */
public final class HiveTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final long MAX_SECONDS = 0xFFFF_FFFFL;

    private HiveTime() {
    }

    /** Parses {@code "YYYY-MM-DDTHH:MM:SS"} (optionally ending in {@code Z}) as UTC. */
    public static Instant parse(String text) {
        String bare = text != null && text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
        Instant instant;
        try {
            instant = LocalDateTime.parse(bare == null ? "" : bare, FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ChainFormatException("", (text == null ? "null" : "\"" + text + "\"")
                    + " is not a time like \"2026-11-22T20:00:00\"");
        }
        return checkRange(instant, "");
    }

    /** Formats as the nodes do: {@code "2026-11-22T20:00:00"}; sub-second parts are dropped. */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    static Instant checkRange(Instant instant, String path) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new ChainFormatException(path, format(instant) + " is outside the chain's range 1970-01-01T00:00:00"
                    + "..2106-02-07T06:28:15");
        }
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    static void pack(ChainWriter out, Instant instant) {
        out.littleEndian(instant.getEpochSecond(), 4);
    }

    static Instant unpack(ChainReader in, String path) {
        return Instant.ofEpochSecond(in.littleEndian(4, path));
    }
}
