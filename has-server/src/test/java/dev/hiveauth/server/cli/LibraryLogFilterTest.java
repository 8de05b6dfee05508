package dev.hiveauth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LibraryLogFilterTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicLong counted = new AtomicLong();

    @AfterEach
    void forgetCounter() {
        LibraryLogFilter.countSuppressedWith(() -> { });
    }

    @Test
    void tenLinesAtOnce_thenOneEveryTenSeconds_andTheRestCounted() {
        LibraryLogFilter.countSuppressedWith(counted::incrementAndGet);
        LibraryLogFilter filter = new LibraryLogFilter(now::get);
        LoggingEvent event = new LoggingEvent();
        for (int i = 0; i < 10; i++) {
            assertThat(filter.decide(event)).isEqualTo(FilterReply.NEUTRAL);
        }
        for (int i = 0; i < 500; i++) {
            assertThat(filter.decide(event)).isEqualTo(FilterReply.DENY);
        }
        assertThat(counted).hasValue(500);

        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertThat(filter.decide(event)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event)).isEqualTo(FilterReply.DENY);
    }
}
