package dev.hiveauth.protocol.testing;

import dev.hiveauth.protocol.crypto.Hash;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The fake chain's blocks: one every 3 seconds of the injected clock, plus any a test produced by hand.
 * Block ids are derived from the number (so every past block has a known id, as TaPoS needs) and start
 * with the number big-endian, like hived's.
 */
final class BlockSchedule {
    static final Duration INTERVAL = Duration.ofSeconds(3);
    /** hived keeps one block summary per ref_block_num value, so TaPoS can name any of the last 65536 blocks. */
    static final long TAPOS_BLOCKS = 0x10000;

    /** The head block as one consistent snapshot; checks of one request all use the same head. */
    record Head(long number, Instant time, long lastIrreversible) {
    }

    private final Clock clock;
    private final long firstBlock;
    private final Instant firstTime;
    private final int irreversibleDepth;
    private long produced;

    BlockSchedule(Clock clock, long firstBlock, int irreversibleDepth) {
        this.clock = clock;
        this.firstBlock = firstBlock;
        this.irreversibleDepth = irreversibleDepth;
        // real block times are whole multiples of the interval; so are these
        long seconds = clock.instant().getEpochSecond();
        this.firstTime = Instant.ofEpochSecond(seconds - Math.floorMod(seconds, INTERVAL.toSeconds()));
    }

    synchronized Head head() {
        long elapsed = Math.max(0, Duration.between(firstTime, clock.instant()).toSeconds() / INTERVAL.toSeconds());
        long number = firstBlock + elapsed + produced;
        return new Head(number, timeOf(number), Math.max(1, number - irreversibleDepth));
    }

    /** Adds blocks on top of the clock's: the head moves on, and so does its time (ahead of the clock). */
    synchronized void produce(int blocks) {
        if (blocks < 0) {
            throw new IllegalArgumentException("blocks must not be negative, got " + blocks);
        }
        produced += blocks;
    }

    Instant timeOf(long number) {
        return firstTime.plus(INTERVAL.multipliedBy(number - firstBlock));
    }

    /** 20 bytes: the number big-endian, then 16 bytes that differ from block to block. */
    static byte[] id(long number) {
        byte[] id = Arrays.copyOf(new byte[4], 20);
        for (int i = 0; i < 4; i++) {
            id[i] = (byte) (number >>> (24 - 8 * i));
        }
        byte[] digest = Hash.sha256(("fake hive block " + number).getBytes(StandardCharsets.US_ASCII));
        System.arraycopy(digest, 0, id, 4, 16);
        return id;
    }

    static String idHex(long number) {
        return HexFormat.of().formatHex(id(number));
    }

    /** What ref_block_prefix must be for this block: id bytes 4..8 as a little-endian uint32. */
    static long prefix(long number) {
        byte[] id = id(number);
        return (id[4] & 0xFFL) | (id[5] & 0xFFL) << 8 | (id[6] & 0xFFL) << 16 | (id[7] & 0xFFL) << 24;
    }

    /**
     * The block a ref_block_num names, as hived's block summary table resolves it: the newest block at or
     * below the head whose low 16 bits are {@code refBlockNum}; 0 or less if the chain is too young to have one.
     */
    static long referencedBlock(long head, int refBlockNum) {
        long block = (head & ~0xFFFFL) | refBlockNum;
        return block > head ? block - TAPOS_BLOCKS : block;
    }
}
