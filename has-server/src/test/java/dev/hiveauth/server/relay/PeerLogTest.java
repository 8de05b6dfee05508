package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hiveauth.server.observe.LogBudget;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What a peer can make the relay log: few lines, each short and printable, and a count of the rest. */
class PeerLogTest {
    private final AtomicLong now = new AtomicLong();
    private final LogBudget everyone = new LogBudget(100, Duration.ofMillis(10), now::get, () -> { });
    private final PeerLog log = new PeerLog("c7", new LogBudget(2, Duration.ofSeconds(10), now::get, () -> { }), everyone);
    private final Logger logger = (Logger) LoggerFactory.getLogger("peer-log-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    PeerLogTest() {
        logger.setLevel(Level.INFO);
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private List<String> written() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aFloodOfLinesFromOnePeerIsCutToItsBudget_andTheNextLineSaysHowManyWereLeftOut() {
        for (int i = 0; i < 500; i++) {
            log.info(logger, "registration refused: {}", "bob (no such account)");
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        log.info(logger, "registration refused: {}", "carol (no such account)");

        assertThat(written()).containsExactly(
                "c7: registration refused: bob (no such account)",
                "c7: registration refused: bob (no such account)",
                "c7: registration refused: carol (no such account) (498 similar line(s) suppressed)");
    }

    @Test
    void aLineIsShort_andPrintable() {
        log.warn(logger, "refused: {}", "x".repeat(10_000) + "\nFAKE 12:00 ERROR forged line");
        log.info(logger, "name {}", "a\u0007b");

        assertThat(written().get(0)).hasSize(PeerLog.MAX_LINE + "… (10045 characters)".length())
                .startsWith("c7: refused: xxx").doesNotContain("\n");
        assertThat(written().get(1)).isEqualTo("c7: name a?b");
    }

    @Test
    void whatWasLeftOutIsSaidOnceWhenThePeerCloses() {
        for (int i = 0; i < 5; i++) {
            log.info(logger, "line {}", i);
        }
        log.closing(logger);
        log.closing(logger);

        assertThat(written()).containsExactly("c7: line 0", "c7: line 1", "c7: closed; 3 line(s) about it were suppressed");
    }

    @Test
    void theNamesOfALongListAreTheFirstFew_andHowManyMore() {
        assertThat(Shown.names(List.of("alice", "bob", "carol", "dave", "erin"))).isEqualTo("alice, bob, carol and 2 more");
        assertThat(Shown.first(List.of("a (no such account)", "b (no such account)")))
                .isEqualTo("a (no such account); b (no such account)");
    }
}
