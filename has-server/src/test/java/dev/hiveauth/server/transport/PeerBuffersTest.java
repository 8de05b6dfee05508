package dev.hiveauth.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The memory rules of the network side on a hand-moved clock: what may wait to be sent to one socket and to all,
 * what may be received in part, and the deadlines that close a socket that does not read, does not finish a message
 * or does not finish its handshake. A socket that keeps up is never refused.
 */
class PeerBuffersTest {
    private static final TransportLimits LIMITS = TransportLimits.DEFAULT.withQueued(1_000, 2_500)
            .withMaxReceivingBytes(3_000).withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10));

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final PeerBuffers buffers = new PeerBuffers(LIMITS, now::get);

    private PeerChannel upgradedChannel() {
        PeerChannel channel = buffers.accepted(null);
        channel.upgraded = true;
        return channel;
    }

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void aSocketThatDoesNotReadIsRefusedPastItsBound_andOneThatReadsNever() {
        PeerChannel reader = upgradedChannel();
        PeerChannel stalled = upgradedChannel();

        for (int i = 0; i < 100; i++) {
            assertThat(buffers.queue(reader, 900)).isNull();
            buffers.sent(reader, 900); // written out at once
        }
        assertThat(buffers.queue(stalled, 600)).isNull();
        PeerBuffers.Verdict refused = buffers.queue(stalled, 600);

        assertThat(refused.closure()).isEqualTo(Closure.SLOW_READER);
        assertThat(refused.detail()).isEqualTo("it does not read: 600 bytes wait to be sent to it, the limit is 1000");
        assertThat(buffers.queuedBytes()).isEqualTo(600);
    }

    @Test
    void whenEveryQueueTogetherIsFull_aLaggingSocketIsRefused_butOneThatKeepsUpIsServed() {
        PeerChannel first = upgradedChannel();
        PeerChannel second = upgradedChannel();
        PeerChannel third = upgradedChannel();
        PeerChannel keepingUp = upgradedChannel();
        assertThat(buffers.queue(first, 900)).isNull();
        assertThat(buffers.queue(second, 900)).isNull();
        assertThat(buffers.queue(third, 500)).isNull();

        assertThat(buffers.queue(third, 300).closure()).isEqualTo(Closure.QUEUES_FULL);
        assertThat(buffers.queue(keepingUp, 300)).as("nothing waits for it: it reads").isNull();
    }

    @Test
    void whatWasSentOrDroppedIsReleased_andAClosedSocketReleasesEverything() {
        PeerChannel channel = upgradedChannel();
        buffers.queue(channel, 700);
        buffers.sent(channel, 300);
        assertThat(buffers.queuedBytes()).isEqualTo(400);
        buffers.receive(channel, 250);

        buffers.closed(channel);

        assertThat(buffers.queuedBytes()).isZero();
        assertThat(buffers.receivingBytes()).isZero();
        assertThat(buffers.channelCount()).isZero();
        buffers.sent(channel, 400); // a late completion of a write to the closed socket
        assertThat(buffers.queuedBytes()).isZero();
    }

    @Test
    void whatComesForASocketAfterItClosedIsNeverCounted() {
        PeerChannel channel = upgradedChannel();
        buffers.closed(channel);

        // a read and a write still under way on other threads when the close was handled
        assertThat(buffers.receive(channel, 250)).isNull();
        assertThat(buffers.queue(channel, 700)).isNull();
        buffers.received(channel);
        buffers.closed(channel);

        assertThat(buffers.receivingBytes()).isZero();
        assertThat(buffers.queuedBytes()).isZero();
    }

    @Test
    void aSocketThatReadsNothingForTheDrainTimeoutIsOverdue_oneThatReadsSlowlyIsNot() {
        PeerChannel stalled = upgradedChannel();
        PeerChannel slow = upgradedChannel();
        buffers.queue(stalled, 100);
        buffers.queue(slow, 500);

        for (int i = 0; i < 4; i++) {
            advance(10);
            buffers.sent(slow, 100); // a little at a time, but it moves
        }

        assertThat(buffers.overdue()).singleElement().satisfies(verdict -> {
            assertThat(verdict.channel()).isSameAs(stalled);
            assertThat(verdict.closure()).isEqualTo(Closure.STALLED_READER);
            assertThat(verdict.detail()).isEqualTo("it read nothing for 30 s with 100 bytes waiting");
        });
    }

    @Test
    void aQueueThatStartsToFillLongAfterItLastMovedIsNotOverdueAtOnce() {
        PeerChannel channel = upgradedChannel();
        advance(3_600);

        buffers.queue(channel, 100);

        assertThat(buffers.overdue()).isEmpty();
    }

    @Test
    void messagesReceivedInPartHaveABudget_andADeadline() {
        PeerChannel slowSender = upgradedChannel();
        PeerChannel other = upgradedChannel();
        assertThat(buffers.receive(slowSender, 2_000)).isNull();
        assertThat(buffers.receive(other, 1_500).closure()).isEqualTo(Closure.RECEIVING_FULL);
        assertThat(buffers.receive(other, 1_000)).isNull();
        buffers.received(other);
        assertThat(buffers.receivingBytes()).isEqualTo(2_000);

        advance(31);

        assertThat(buffers.overdue()).singleElement().satisfies(verdict -> {
            assertThat(verdict.channel()).isSameAs(slowSender);
            assertThat(verdict.closure()).isEqualTo(Closure.UNFINISHED_MESSAGE);
        });
    }

    @Test
    void aConnectionThatDoesNotFinishItsHandshakeInTimeIsOverdue() {
        PeerChannel halfOpen = buffers.accepted(null);
        PeerChannel upgraded = buffers.accepted(null);
        upgraded.upgraded = true;

        advance(10);
        assertThat(buffers.overdue()).isEmpty();
        advance(1);

        assertThat(buffers.overdue()).singleElement().satisfies(verdict -> {
            assertThat(verdict.channel()).isSameAs(halfOpen);
            assertThat(verdict.closure()).isEqualTo(Closure.HANDSHAKE_TIMEOUT);
        });
    }

    @Test
    void aConnectionWhoseCloseFrameDoesNotLeaveLingers() {
        PeerChannel channel = upgradedChannel();
        channel.startClosing();
        channel.closingSinceNanos = now.get();

        advance(1);
        assertThat(buffers.lingering(TimeUnit.SECONDS.toNanos(2))).isEmpty();
        advance(2);
        assertThat(buffers.lingering(TimeUnit.SECONDS.toNanos(2))).containsExactly(channel);
        assertThat(buffers.overdue()).as("reported once, when its close began").isEmpty();
    }
}
