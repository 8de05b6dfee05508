package dev.hiveauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.server.relay.Limits;
import dev.hiveauth.server.transport.TransportLimits;
import org.junit.jupiter.api.Test;

/** The memory caps fitted to a heap, and explicit caps that do not fit refused with the options' names. */
class HeapBudgetTest {
    private static final long MIB = 1024L * 1024;

    @Test
    void theDefaultsOfA256MiBHeapFitIt() {
        long heap = 256 * MIB;
        Limits limits = HeapBudget.limits(heap);
        TransportLimits transport = HeapBudget.transport(heap);

        assertThat(limits.maxPendingBytes()).isEqualTo(heap / 10);
        assertThat(limits.maxPendingBytesPerSocket()).isEqualTo(16 * MIB);
        assertThat(limits.maxConnections()).isEqualTo((int) (heap / 5 / HeapBudget.CONNECTION_BYTES));
        assertThat(transport.maxQueuedBytes()).isEqualTo(heap / 10);
        assertThat(transport.maxQueuedBytesPerSocket()).isEqualTo(MIB);
        assertThat(HeapBudget.need(limits, transport)).isLessThanOrEqualTo((long) (heap * 0.6) + 1);
        HeapBudget.requireFit(limits, transport, heap);
    }

    @Test
    void aSmallHeapGetsSmallerCaps_aLargeOneAtMost50000Connections() {
        Limits small = HeapBudget.limits(64 * MIB);
        assertThat(small.maxPendingBytesPerSocket()).isEqualTo(small.maxPendingBytes()).isEqualTo(64 * MIB / 10);
        assertThat(HeapBudget.limits(16 * 1024 * MIB).maxConnections()).isEqualTo(50_000);
        HeapBudget.requireFit(small, HeapBudget.transport(64 * MIB), 64 * MIB);
    }

    @Test
    void explicitCapsThatDoNotFitTheHeapAreRefusedNamingTheOptions() {
        Limits tooMuch = HeapBudget.limits(256 * MIB).withPendingTotal(250_000, 256 * MIB);

        assertThatThrownBy(() -> HeapBudget.requireFit(tooMuch, HeapBudget.transport(256 * MIB), 256 * MIB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the memory caps need 614 MiB but the heap allows 204 MiB (80% of -Xmx 256 MiB)")
                .hasMessageContaining("waiting requests 256 MiB and kept replies as much again (--max-pending-mb)")
                .hasMessageContaining("(--max-queued-mb)").hasMessageContaining("(--max-receiving-mb)")
                .hasMessageContaining("(--max-connections)");
    }
}
