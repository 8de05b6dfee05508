package dev.hiveauth.pksa;

import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.chain.TransactionBuilder;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.chain.rpc.HiveRpcException;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignErr;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.payload.ErrorText;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.SignReqData;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sign_req}: opens it with a stored authentication, guards the nonce (recorded durably before anything
 * else), validates the operations, applies the {@link SigningRules} and the policy, then signs and broadcasts
 * (answer: the transaction id) or only signs (answer: the signed transaction). Errors go back encrypted in a
 * {@code sign_err}; refusals as a nack or silence (see {@link Decision#ABSTAIN}).
 */
final class SignHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SignHandler.class);

    private final Wallet wallet;

    SignHandler(Wallet wallet) {
        this.wallet = wallet;
    }

    CompletableFuture<Optional<PendingReply>> handle(SignReq request) {
        long now = wallet.now();
        Optional<StoredAuths.Opened<SignReqData>> opened =
                StoredAuths.open(wallet.auths(), request.account(), request.data(), now, SignReqData::decrypt);
        if (opened.isEmpty()) {
            wallet.ignore(request, StoredAuths.noneOpens(request.account()));
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Auth auth = opened.get().auth();
        if (opened.get().problem() != null) {
            return done(error(request, auth, "invalid sign_req_data: " + opened.get().problem().getMessage()));
        }
        SignReqData data = opened.get().payload();
        Optional<String> replay = NonceGuard.refusal(auth, data.nonce(), true);
        if (replay.isPresent()) {
            LOG.warn("sign_req {} for {}: {}", request.uuid(), request.account(), replay.get());
            return done(error(request, auth, replay.get()));
        }
        try {
            wallet.auths().recordNonce(auth.account(), auth.key(), data.nonce());
        } catch (RuntimeException e) {
            // A nonce that cannot be kept could be replayed after a restart: sign nothing.
            LOG.error("sign_req {} for {}: cannot record the nonce: {}", request.uuid(), request.account(), e.toString());
            return done(error(request, auth, "the wallet cannot record the nonce: refused"));
        }

        List<Operation> operations;
        try {
            operations = OperationCheck.read(data.ops(), data.keyType());
        } catch (OperationCheck.InvalidOperations e) {
            // the details quote the decrypted operations: debug only
            LOG.info("sign_req {} for {}: invalid operations, answered with sign_err", request.uuid(), request.account());
            LOG.debug("sign_req {}: {}", request.uuid(), e.getMessage());
            return done(error(request, auth, e.getMessage()));
        }
        Optional<PrivateKey> key = wallet.keys().key(request.account(), data.keyType());
        Optional<String> outside = outsideRules(data, operations, key.isPresent());
        if (outside.isPresent()) {
            return CompletableFuture.completedFuture(Refusals.refuse(wallet, Decision.ABSTAIN, request, auth.key(),
                    "not signed: " + outside.get()));
        }
        SignApproval approval = new SignApproval(request.account(), auth.app(), data.keyType(), operations,
                data.broadcast(), request.expire());
        return Decisions.ask(wallet, approval).thenComposeAsync(decision -> {
            if (wallet.now() >= request.expire()) {
                wallet.ignore(request, "decided after it expired: not signed");
                return CompletableFuture.completedFuture(Optional.<PendingReply>empty());
            }
            if (decision != Decision.APPROVE) {
                return CompletableFuture.completedFuture(Refusals.refuse(wallet, decision, request, auth.key(),
                        "not approved (" + decision + ")"));
            }
            return sign(request, auth, data, operations, key.orElseThrow());
        }, wallet.thread());
    }

    private Optional<String> outsideRules(SignReqData data, List<Operation> operations, boolean keyHeld) {
        if (data.keyType() == KeyType.ACTIVE && !wallet.rules().allowActiveKey()) {
            return Optional.of("active-key operations are not enabled");
        }
        if (!keyHeld) {
            return Optional.of("this wallet does not hold the " + data.keyType().jsonName() + " key");
        }
        for (Operation operation : operations) {
            if (!wallet.rules().allows(operation.type())) {
                return Optional.of(operation.name() + " is not among the allowed operations");
            }
        }
        if (!data.broadcast() && !wallet.rules().allowSignOnly()) {
            return Optional.of("signing without broadcasting is not enabled");
        }
        return Optional.empty();
    }

    private CompletableFuture<Optional<PendingReply>> sign(SignReq request, Auth auth, SignReqData data,
                                                           List<Operation> operations, PrivateKey key) {
        String uuid = request.uuid();
        HiveClient hive = wallet.hive(); // one client for the whole request, should the nodes change meanwhile
        if (hive == null) {
            return done(error(request, auth, "this wallet has no Hive API node to build transactions with"));
        }
        CompletableFuture<Optional<PendingReply>> reply = hive.getDynamicGlobalProperties()
                .thenApplyAsync(head -> TransactionBuilder.on(head)
                        .chainId(wallet.chainId())
                        .expiresIn(wallet.transactionExpiration())
                        .addAll(operations)
                        .sign(key), wallet.thread())
                .thenCompose(signed -> data.broadcast() ? broadcast(hive, request, signed) : signedOnly(request, signed));
        return reply.exceptionallyAsync(error -> {
            String why = describe(error);
            LOG.warn("sign_req {} for {}: {}", uuid, request.account(), why);
            return Optional.of(error(request, auth, why));
        }, wallet.thread());
    }

    private static CompletableFuture<Optional<PendingReply>> broadcast(HiveClient hive, SignReq request,
                                                                      SignedTransaction signed) {
        String uuid = request.uuid();
        return hive.broadcastTransaction(signed).thenApply(txid -> {
            LOG.info("sign_req {} for {}: broadcast transaction {}", uuid, request.account(), txid);
            return Optional.of(new PendingReply(request.account(), uuid, request.expire(),
                    pok -> SignAck.broadcast(uuid, txid, pok)));
        });
    }

    private static CompletableFuture<Optional<PendingReply>> signedOnly(SignReq request, SignedTransaction signed) {
        String uuid = request.uuid();
        LOG.info("sign_req {} for {}: signed transaction {} (not broadcast)", uuid, request.account(), signed.id());
        return CompletableFuture.completedFuture(Optional.of(new PendingReply(request.account(), uuid,
                request.expire(), pok -> SignAck.signedOnly(uuid, signed.toJson(), pok))));
    }

    private static PendingReply error(SignReq request, Auth auth, String message) {
        String uuid = request.uuid();
        String encrypted = ErrorText.encrypt(message, auth.key());
        return new PendingReply(request.account(), uuid, request.expire(), pok -> new SignErr(uuid, encrypted, pok));
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HiveRpcException rpc) {
            return "the Hive node refused the transaction: " + rpc.nodeMessage();
        }
        return "cannot sign the transaction: " + cause.getMessage();
    }

    private static CompletableFuture<Optional<PendingReply>> done(PendingReply reply) {
        return CompletableFuture.completedFuture(Optional.of(reply));
    }
}
