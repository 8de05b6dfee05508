package dev.hiveauth.bench.external;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What one process of the Node generator counted over its whole run, its last line on standard output
 * (bench/generator: app.js and wallet.js report). An APP's counters are zero in a wallet's tally and the other way
 * round.
 *
 * @param duplicates auth_acks that no auth_wait of the APP claimed: a second one for an answered uuid, or one for a
 *     request it never made
 * @param undecryptable payloads that were not the ones sent (the generator's payloads are encrypted once per account,
 *     so it compares them instead of decrypting them)
 * @param closedBy the relay's close code and reason, or null: the relay did not close the socket
 * @param answeredInWindow the auth_acks that arrived inside the window
 * @param maxSendLagMicros after an open loop: how late the APP's sender fell behind its schedule at worst (0 after a
 *     closed loop)
 * @param latencyMicros APP send → auth_ack of each answer inside the window; in an open loop, scheduled send →
 *     auth_ack of each request scheduled inside it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record NodeTally(String role, long sent, long waits, long answered, long duplicates, long acksBeforeWait,
                 long unmatchedWaits, long answeredInWindow, long maxSendLagMicros, long forwarded, long replies, long errors,
                 long unexpected, long undecryptable, long sendFailures, String closedBy, List<String> samples,
                 long[] latencyMicros) {

    NodeTally {
        samples = samples == null ? List.of() : List.copyOf(samples);
        latencyMicros = latencyMicros == null ? new long[0] : latencyMicros;
    }
}
