package dev.hiveauth.server.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import dev.hiveauth.server.observe.LogBudget;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what Grizzly and Tyrus write to the jar's log. Their warnings carry stack traces, and a peer may provoke some
 * (a connection torn down mid-frame); so 10 lines at once, then one every 10 s, the rest counted in
 * {@code has_log_suppressed_total} and summed up in one line when the next is let through. Set on the appender of
 * the {@code org.glassfish} loggers in logback.xml.
 */
public final class LibraryLogFilter extends Filter<ILoggingEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryLogFilter.class);
    private static volatile Runnable countSuppressed = () -> { };

    private final LogBudget budget;

    /** As logback builds it. */
    public LibraryLogFilter() {
        this(System::nanoTime);
    }

    LibraryLogFilter(LongSupplier nanoTime) {
        budget = new LogBudget(10, Duration.ofSeconds(10), nanoTime, () -> countSuppressed.run());
    }

    /** Where lines left out are counted (the running server's metric). */
    static void countSuppressedWith(Runnable counter) {
        countSuppressed = counter;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!budget.allow()) {
            return FilterReply.DENY;
        }
        long suppressed = budget.takeSuppressed();
        if (suppressed > 0) {
            LOG.warn("{} line(s) from Grizzly and Tyrus were suppressed", suppressed);
        }
        return FilterReply.NEUTRAL;
    }
}
