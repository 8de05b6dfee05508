package dev.hiveauth.app;

import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.crypto.Signature;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Checks a wallet's answer to a signing challenge: the signature (hive-js {@code signBuffer}, 130 hex
 * characters) must recover to the {@code pubkey} the wallet named, and, with an {@link AccountKeyLookup},
 * that key must be one of the account's current keys of the type asked for. Decrypt challenges carry no
 * signature and cannot be checked this way.
 */
public final class ChallengeVerifier {
    private final AccountKeyLookup keys;

    /** A verifier that also checks the signer against the account's keys. */
    public ChallengeVerifier(AccountKeyLookup keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * The key that signed {@code challenge}, which is the answer's {@code pubkey}.
     *
     * @throws ChallengeVerificationException when the pubkey or the signature cannot be read, or the signature
     *     was not made by that key over that text
     */
    public static PublicKey verifySignature(String challenge, ChallengeResult answer) {
        PublicKey claimed;
        try {
            claimed = PublicKey.fromString(answer.publicKey());
        } catch (IllegalArgumentException e) {
            throw new ChallengeVerificationException("the answer's pubkey is not a Hive public key: " + e.getMessage());
        }
        Signature signature;
        try {
            signature = Signature.fromHex(answer.answer());
        } catch (IllegalArgumentException e) {
            throw new ChallengeVerificationException("the answer is not a signature: " + e.getMessage());
        }
        Optional<PublicKey> signer = signature.recoverPublicKey(challenge);
        if (signer.isEmpty() || !signer.get().equals(claimed) || !signature.verify(challenge, claimed)) {
            throw new ChallengeVerificationException("the signature was not made by " + claimed + " over the challenge");
        }
        return claimed;
    }

    /**
     * As {@link #verifySignature}, then checks the signer is one of {@code account}'s {@code keyType} keys;
     * completes with that key, or fails with {@link ChallengeVerificationException} (or the lookup's failure).
     */
    public CompletableFuture<PublicKey> verify(String account, KeyType keyType, String challenge,
                                               ChallengeResult answer) {
        PublicKey signer;
        try {
            signer = verifySignature(challenge, answer);
        } catch (ChallengeVerificationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return keys.keys(account, keyType).thenApply(accountKeys -> {
            if (!accountKeys.contains(signer)) {
                throw new ChallengeVerificationException(signer + " is not one of " + account + "'s "
                        + keyType.jsonName() + " keys");
            }
            return signer;
        });
    }
}
