package dev.hiveauth.it.hostile;

import java.util.Map;

/**
 * What one attack did to the relay, as an operator would see it from outside.
 *
 * @param attack the attack's name
 * @param baselineHeap heap in use after a full GC before the attack, bytes
 * @param liveDuring heap in use after a full GC while the attack bit (what it made the relay hold), bytes
 * @param heapAfter heap in use after a full GC once the attack's sockets were gone and its requests expired, bytes
 * @param peakOccupiedMib the most heap the collector found occupied during the attack (garbage included), MiB
 * @param logBytes bytes the relay's log grew by
 * @param suppressedLines log lines the relay counted instead of writing ({@code has_log_suppressed_total})
 * @param closed connections the relay closed on its own, by reason ({@code has_closed_total})
 * @param loginDuringMillis how long alice's login started while the attack was biting took
 * @param attackerSaw what the attacker saw from its side
 */
record AttackReport(String attack, long baselineHeap, long liveDuring, long heapAfter, long peakOccupiedMib,
                    long logBytes, long suppressedLines, Map<String, Long> closed, long loginDuringMillis,
                    String attackerSaw) {

    String line() {
        return String.format("%s%n    live heap %d MiB before, %d MiB during, %d MiB after (each after a full GC); "
                        + "peak occupied %d MiB; log +%,d bytes (%,d lines suppressed); login during %,d ms; closed %s%s",
                attack, mib(baselineHeap), mib(liveDuring), mib(heapAfter), peakOccupiedMib, logBytes, suppressedLines,
                loginDuringMillis, closed, attackerSaw.isEmpty() ? "" : "; " + attackerSaw);
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
