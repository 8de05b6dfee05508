package dev.hiveauth.server;

import dev.hiveauth.server.relay.Limits;
import dev.hiveauth.server.transport.TransportLimits;

/**
 * The memory caps, fitted to the heap the JVM may use, so that no peer — and no number of peers — can make the relay
 * run out of memory (after an {@code OutOfMemoryError} a JVM is in an undefined state). Of a heap of H:
 * <ul>
 *   <li>H/10 for the frames of requests waiting for a wallet, and H/10 again for the replies kept for attach;</li>
 *   <li>H/10 for what waits to be sent to every socket together (1 MiB per socket at most);</li>
 *   <li>H/10 for messages received in part;</li>
 *   <li>H/5 for the connections themselves, at {@link #CONNECTION_BYTES} each (at most 50,000 connections).</li>
 * </ul>
 * That is 60% of the heap for what peers drive, the rest for the server itself and the collector's headroom. Caps set
 * by hand must fit in {@link #USABLE_FRACTION} of the heap, or the server refuses to start, naming the options.
 */
public final class HeapBudget {
    /**
     * What the caps count for one open connection with nothing in flight. Measured: 16.5 KB while Grizzly kept each
     * connection's upgrade request, 5.6 KB since (BENCHMARKS.md, 19,000 held); 8 KiB leaves room for what a busy
     * connection keeps beyond that (a wallet's account set, Tyrus's state of a frame in part), its queues and frames
     * being counted in their own budgets.
     */
    public static final long CONNECTION_BYTES = 8 * 1024;
    /** Explicit caps may take this much of the heap together; the rest keeps the collector working. */
    public static final double USABLE_FRACTION = 0.8;
    private static final int MOST_CONNECTIONS = 50_000;

    private HeapBudget() {
    }

    /** The heap this JVM may grow to ({@code -Xmx}). */
    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    /** {@link Limits#DEFAULT} with the memory caps fitted to {@code maxHeapBytes}. */
    public static Limits limits(long maxHeapBytes) {
        long tenth = Math.max(Limits.DEFAULT.maxFrameBytes(), maxHeapBytes / 10);
        int connections = (int) Math.max(1, Math.min(MOST_CONNECTIONS, maxHeapBytes / 5 / CONNECTION_BYTES));
        return Limits.DEFAULT
                .withPendingTotal(Limits.DEFAULT.maxPendingTotal(), tenth)
                .withMaxPendingBytesPerSocket(Math.min(Limits.DEFAULT.maxPendingBytesPerSocket(), tenth))
                .withMaxConnections(connections);
    }

    /** {@link TransportLimits#forHeap(long)}. */
    public static TransportLimits transport(long maxHeapBytes) {
        return TransportLimits.forHeap(maxHeapBytes);
    }

    /** What these caps let peers make the server hold, at most. */
    public static long need(Limits limits, TransportLimits transport) {
        return 2 * limits.maxPendingBytes() + transport.maxQueuedBytes() + transport.maxReceivingBytes()
                + limits.maxConnections() * CONNECTION_BYTES;
    }

    /**
     * @throws IllegalArgumentException when the caps do not fit {@link #USABLE_FRACTION} of {@code maxHeapBytes},
     *     saying how much each takes and which options set them
     */
    public static void requireFit(Limits limits, TransportLimits transport, long maxHeapBytes) {
        long need = need(limits, transport);
        long usable = (long) (maxHeapBytes * USABLE_FRACTION);
        if (need <= usable) {
            return;
        }
        throw new IllegalArgumentException("the memory caps need " + mib(need) + " MiB but the heap allows "
                + mib(usable) + " MiB (" + Math.round(USABLE_FRACTION * 100) + "% of -Xmx " + mib(maxHeapBytes)
                + " MiB): waiting requests " + mib(limits.maxPendingBytes()) + " MiB and kept replies as much again "
                + "(--max-pending-mb), send queues " + mib(transport.maxQueuedBytes()) + " MiB (--max-queued-mb), "
                + "messages received in part " + mib(transport.maxReceivingBytes()) + " MiB (--max-receiving-mb), "
                + limits.maxConnections() + " connections at " + CONNECTION_BYTES / 1024 + " KiB each "
                + "(--max-connections); lower them or give the JVM more heap");
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
