package dev.hiveauth.pksa;

import dev.hiveauth.protocol.message.AuthNack;
import dev.hiveauth.protocol.message.ChallengeNack;
import dev.hiveauth.protocol.message.Request;
import dev.hiveauth.protocol.message.SignNack;
import dev.hiveauth.protocol.payload.NackData;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The nacks: data = the uuid encrypted with the auth_key, so the APP knows the refusal is the wallet's own. */
final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

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

    /**
     * The answer to a decision other than approval: a nack, or silence for an abstention not configured to nack (said
     * once in the log, with {@code why}).
     */
    static Optional<PendingReply> refuse(Wallet wallet, Decision decision, Request request, String authKey, String why) {
        if (decision == Decision.REJECT || wallet.rejectUnapproved().contains(request.family())) {
            LOG.info("{} {} for {}: {}, answered with a nack", request.cmd(), request.uuid(), request.account(), why);
            return Optional.of(nack(request, authKey));
        }
        wallet.ignore(request, why + " (the wallet stays silent so that another wallet may answer; "
                + request.family().prefix() + "_req_reject turns this into a nack)");
        return Optional.empty();
    }
}
