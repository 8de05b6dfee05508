package dev.hiveauth.pksa;

/**
 * Text an application chose (its name), made safe for a log line: control and formatting characters become
 * '?' so that nobody can forge log lines, and it is cut short.
 */
final class LogText {
    private static final int MAX = 64;

    private LogText() {
    }

    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX).forEach(c -> {
            boolean invisible = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == 0x2028 || c == 0x2029;
            out.appendCodePoint(invisible ? '?' : c);
        });
        return text.codePointCount(0, text.length()) > MAX ? out + "…" : out.toString();
    }
}
