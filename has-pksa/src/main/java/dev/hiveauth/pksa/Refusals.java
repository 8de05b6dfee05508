package dev.hiveauth.pksa;

import dev.hiveauth.protocol.message.AuthNack;
import dev.hiveauth.protocol.message.ChallengeNack;
import dev.hiveauth.protocol.message.Request;
import dev.hiveauth.protocol.message.SignNack;
import dev.hiveauth.protocol.payload.NackData;
import java.util.Optional;

/** The nacks: data = the uuid encrypted with the auth_key, so the APP knows the refusal is the wallet's own. */
final class Refusals {
    private Refusals() {
    }

    static PendingReply nack(Request request, String authKey) {
        String uuid = request.uuid();
        String data = NackData.encrypt(uuid, authKey);
        switch (request.family()) {
            case AUTH:
                return new PendingReply(request.account(), uuid, request.expire(), pok -> new AuthNack(uuid, data, pok));
            case SIGN:
                return new PendingReply(request.account(), uuid, request.expire(), pok -> new SignNack(uuid, data, pok));
            default:
                return new PendingReply(request.account(), uuid, request.expire(),
                        pok -> new ChallengeNack(uuid, data, pok));
        }
    }

    /** The answer to a decision other than approval: a nack, or silence for an abstention not configured to nack. */
    static Optional<PendingReply> refuse(Wallet wallet, Decision decision, Request request, String authKey) {
        if (decision == Decision.REJECT || wallet.rejectUnapproved().contains(request.family())) {
            return Optional.of(nack(request, authKey));
        }
        return Optional.empty();
    }
}
