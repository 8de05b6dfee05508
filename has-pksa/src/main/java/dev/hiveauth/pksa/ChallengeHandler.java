package dev.hiveauth.pksa;

import dev.hiveauth.protocol.crypto.Memo;
import dev.hiveauth.protocol.crypto.MemoException;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.message.ChallengeAck;
import dev.hiveauth.protocol.message.ChallengeErr;
import dev.hiveauth.protocol.message.ChallengeReq;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.ChallengeReqData;
import dev.hiveauth.protocol.payload.ErrorText;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code challenge_req}: opens it with a stored authentication, guards the nonce (a missing one is accepted,
 * SPEC §10), and once approved signs the text hive-js style ({@code Signature.signBuffer}) or, with
 * {@code decrypt: true}, decodes the memo with the key asked for, as hive-js {@code memo.decode} returns it
 * (with its leading {@code #}).
 */
final class ChallengeHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ChallengeHandler.class);

    private final Wallet wallet;

    ChallengeHandler(Wallet wallet) {
        this.wallet = wallet;
    }

    CompletableFuture<Optional<PendingReply>> handle(ChallengeReq request) {
        long now = wallet.now();
        Optional<StoredAuths.Opened<ChallengeReqData>> opened =
                StoredAuths.open(wallet.auths(), request.account(), request.data(), now, ChallengeReqData::decrypt);
        if (opened.isEmpty()) {
            wallet.ignore(request, StoredAuths.noneOpens(request.account()));
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Auth auth = opened.get().auth();
        if (opened.get().problem() != null) {
            return done(error(request, auth, "invalid challenge_req_data: " + opened.get().problem().getMessage()));
        }
        ChallengeReqData data = opened.get().payload();
        Optional<String> replay = NonceGuard.refusal(auth, data.nonce(), false);
        if (replay.isPresent()) {
            LOG.warn("challenge_req {} for {}: {}", request.uuid(), request.account(), replay.get());
            return done(error(request, auth, replay.get()));
        }
        if (data.nonce() != null) {
            try {
                wallet.auths().recordNonce(auth.account(), auth.key(), data.nonce());
            } catch (RuntimeException e) {
                LOG.error("challenge_req {} for {}: cannot record the nonce: {}", request.uuid(), request.account(),
                        e.toString());
                return done(error(request, auth, "the wallet cannot record the nonce: refused"));
            }
        }
        Optional<PrivateKey> key = wallet.keys().key(request.account(), data.keyType());
        if (key.isEmpty()) {
            return CompletableFuture.completedFuture(Refusals.refuse(wallet, Decision.ABSTAIN, request, auth.key(),
                    "this wallet does not hold the " + data.keyType().jsonName() + " key"));
        }
        ChallengeApproval approval = new ChallengeApproval(request.account(), auth.app(), data.keyType(),
                data.challenge(), data.decrypt(), request.expire());
        return Decisions.ask(wallet, approval).thenApplyAsync(decision -> {
            if (wallet.now() >= request.expire()) {
                wallet.ignore(request, "decided after it expired");
                return Optional.empty();
            }
            if (decision != Decision.APPROVE) {
                return Refusals.refuse(wallet, decision, request, auth.key(), "not approved (" + decision + ")");
            }
            return Optional.of(answer(request, auth, data, key.get()));
        }, wallet.thread());
    }

    private static PendingReply answer(ChallengeReq request, Auth auth, ChallengeReqData data, PrivateKey key) {
        String result;
        if (data.decrypt()) {
            if (!data.challenge().startsWith("#")) {
                return error(request, auth, "the challenge to decrypt is not an encrypted memo (it must start with '#')");
            }
            try {
                result = Memo.decode(key, data.challenge());
            } catch (MemoException e) {
                return error(request, auth, "cannot decrypt the challenge with the "
                        + data.keyType().jsonName() + " key: " + e.getMessage());
            }
        } else {
            result = key.sign(data.challenge()).toHex();
        }
        String uuid = request.uuid();
        String encrypted = new ChallengeAckData(key.publicKey().toString(), result).encrypt(auth.key());
        LOG.info("challenge_req {} for {}: {} with the {} key", uuid, request.account(),
                data.decrypt() ? "decrypted" : "signed", data.keyType().jsonName());
        return new PendingReply(request.account(), uuid, request.expire(), pok -> new ChallengeAck(uuid, encrypted, pok));
    }

    private static PendingReply error(ChallengeReq request, Auth auth, String message) {
        String uuid = request.uuid();
        String encrypted = ErrorText.encrypt(message, auth.key());
        return new PendingReply(request.account(), uuid, request.expire(), pok -> new ChallengeErr(uuid, encrypted, pok));
    }

    private static CompletableFuture<Optional<PendingReply>> done(PendingReply reply) {
        return CompletableFuture.completedFuture(Optional.of(reply));
    }
}
