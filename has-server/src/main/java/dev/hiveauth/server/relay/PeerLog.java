package dev.hiveauth.server.relay;

import dev.hiveauth.server.observe.LogBudget;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Log lines about one connection, bounded: each at most {@link #MAX_LINE} characters, and no more than the
 * connection's own budget and the budget of every connection together allow. A line that follows left-out ones says
 * how many ("3 similar lines suppressed"). A peer can make the server log, but never without end.
 */
final class PeerLog {
    static final int MAX_LINE = 400;

    private final String id;
    private final LogBudget own;
    private final LogBudget everyone;

    PeerLog(String id, LogBudget own, LogBudget everyone) {
        this.id = id;
        this.own = own;
        this.everyone = everyone;
    }

    void info(Logger log, String format, Object... args) {
        if (log.isInfoEnabled() && allowed()) {
            log.info("{}", line(format, args));
        }
    }

    void warn(Logger log, String format, Object... args) {
        if (log.isWarnEnabled() && allowed()) {
            log.warn("{}", line(format, args));
        }
    }

    /** A bug of ours met while handling this peer's message: with its stack trace, within the same budgets. */
    void failure(Logger log, String what, Throwable error) {
        if (allowed()) {
            log.warn("{}: {}", id, what, error);
        }
    }

    /** What was left out about this connection, said once when it closes. */
    void closing(Logger log) {
        long left = own.takeSuppressed();
        if (left > 0 && everyone.allow()) {
            log.info("{}: closed; {} line(s) about it were suppressed", id, left);
        }
    }

    private boolean allowed() {
        return own.allow() && everyone.allow();
    }

    private String line(String format, Object[] args) {
        String text = printable(id + ": " + MessageFormatter.arrayFormat(format, args).getMessage());
        if (text.length() > MAX_LINE) {
            text = text.substring(0, MAX_LINE) + "… (" + text.length() + " characters)";
        }
        long left = own.takeSuppressed();
        return left == 0 ? text : text + " (" + left + " similar line(s) suppressed)";
    }

    /** No control character from a peer's input reaches the log (it could forge a line). */
    private static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
