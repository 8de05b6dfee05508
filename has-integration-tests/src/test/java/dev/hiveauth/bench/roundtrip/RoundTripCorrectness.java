package dev.hiveauth.bench.roundtrip;

import java.util.List;

/**
 * Whether every request of a phase (warm-up and drain included) was answered exactly once, correctly, and
 * what each side counted. {@code ok} is the verdict: every request got its auth_wait, was forwarded to its
 * one PKSA, answered once with its uuid and data that decrypts; no error, unexpected frame, failed send or
 * closed socket anywhere; and the server's own counters agree.
 *
 * @param acksBeforeWait auth_acks that arrived before their auth_wait (allowed, but worth knowing)
 * @param server what the relay counted, or null for a relay that counts nothing (the naive relay the external
 *     phase compares with), whose side is then not checked
 * @param samples the first few problems, verbatim
 */
public record RoundTripCorrectness(long sent, long waits, long answered, long unanswered, long duplicates,
                                   long acksBeforeWait, long unmatchedWaits, long errorsToApps, long unexpectedAtApps,
                                   long undecryptableAtApps, long forwardedToPksas, long pksaReplies, long errorsToPksas,
                                   long unexpectedAtPksas, long undecryptableAtPksas, long sendFailures,
                                   long socketsClosedByServer, ServerCounts server, List<String> samples,
                                   boolean ok) {

    /** The counts, judged: {@code ok} is computed from them. */
    public RoundTripCorrectness(long sent, long waits, long answered, long unanswered, long duplicates,
                                long acksBeforeWait, long unmatchedWaits, long errorsToApps, long unexpectedAtApps,
                                long undecryptableAtApps, long forwardedToPksas, long pksaReplies, long errorsToPksas,
                                long unexpectedAtPksas, long undecryptableAtPksas, long sendFailures,
                                long socketsClosedByServer, ServerCounts server, List<String> samples) {
        this(sent, waits, answered, unanswered, duplicates, acksBeforeWait, unmatchedWaits, errorsToApps,
                unexpectedAtApps, undecryptableAtApps, forwardedToPksas, pksaReplies, errorsToPksas, unexpectedAtPksas,
                undecryptableAtPksas, sendFailures, socketsClosedByServer, server, List.copyOf(samples),
                unanswered == 0 && waits == sent && duplicates == 0 && unmatchedWaits == 0
                        && errorsToApps == 0 && unexpectedAtApps == 0 && undecryptableAtApps == 0
                        && forwardedToPksas == sent && pksaReplies == sent && errorsToPksas == 0
                        && unexpectedAtPksas == 0 && undecryptableAtPksas == 0 && sendFailures == 0
                        && socketsClosedByServer == 0 && (server == null || server.accepted() == sent
                        && server.approved() == answered && server.errorsSent() == 0 && server.pokFailures() == 0));
    }
}
