package dev.hiveauth.app;

import dev.hiveauth.app.ReplyReader.Verdict;
import dev.hiveauth.protocol.message.AuthAck;
import dev.hiveauth.protocol.message.AuthErr;
import dev.hiveauth.protocol.message.AuthNack;
import dev.hiveauth.protocol.message.ChallengeAck;
import dev.hiveauth.protocol.message.ChallengeErr;
import dev.hiveauth.protocol.message.ChallengeNack;
import dev.hiveauth.protocol.message.Reply;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignErr;
import dev.hiveauth.protocol.message.SignNack;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.ErrorText;
import dev.hiveauth.protocol.payload.NackData;
import dev.hiveauth.protocol.payload.PayloadException;
import java.util.Optional;

/**
 * The APP's checks on PKSA replies (SPEC §10), so a HAS cannot forge an approval or a refusal: an ack whose
 * data does not decrypt with the auth_key and parse is ignored; a nack counts only if its data decrypts to
 * the request's uuid; an {@code *_err} is decrypted when it decrypts and read as plain text otherwise (the
 * reference PKSA encrypts sign/challenge errors but not auth errors, and a HAS can only send plain text).
 * A {@code sign_ack} is not encrypted by the protocol, so it cannot be checked.
 */
final class ReplyValidator {
    private ReplyValidator() {
    }

    static ReplyReader<AuthResult> auth(String uuid, String account, String authKey) {
        return reply -> {
            if (reply instanceof AuthAck ack) {
                Optional<AuthAckData> data;
                try {
                    data = AuthAckData.decrypt(ack.data(), authKey);
                } catch (PayloadException | IllegalArgumentException e) {
                    return Verdict.ignore("auth_ack data decrypts but is not a valid auth_ack_data");
                }
                if (data.isEmpty()) {
                    return Verdict.ignore("auth_ack data does not decrypt with the auth_key");
                }
                AuthAckData granted = data.get();
                ChallengeAckData signed = granted.challenge();
                return Verdict.approve(new AuthResult(uuid, new Auth(account, authKey, granted.expire(), granted.token()),
                        signed == null ? null : new ChallengeResult(uuid, signed.pubkey(), signed.challenge())));
            }
            if (reply instanceof AuthNack nack) {
                return refusal(uuid, nack.data(), nack.error(), authKey);
            }
            if (reply instanceof AuthErr err) {
                return Verdict.fail(new RequestFailedException(uuid, ErrorText.read(err.error(), authKey)));
            }
            return wrongFamily(reply);
        };
    }

    static ReplyReader<SignResult> sign(String uuid, String authKey) {
        return reply -> {
            if (reply instanceof SignAck ack) {
                return Verdict.approve(new SignResult(uuid, ack.data(), ack.broadcast()));
            }
            if (reply instanceof SignNack nack) {
                return refusal(uuid, nack.data(), nack.error(), authKey);
            }
            if (reply instanceof SignErr err) {
                return Verdict.fail(new RequestFailedException(uuid, ErrorText.read(err.error(), authKey)));
            }
            return wrongFamily(reply);
        };
    }

    static ReplyReader<ChallengeResult> challenge(String uuid, String authKey) {
        return reply -> {
            if (reply instanceof ChallengeAck ack) {
                Optional<ChallengeAckData> data;
                try {
                    data = ChallengeAckData.decrypt(ack.data(), authKey);
                } catch (PayloadException | IllegalArgumentException e) {
                    return Verdict.ignore("challenge_ack data decrypts but is not a valid challenge_ack_data");
                }
                return data.<Verdict<ChallengeResult>>map(answer -> Verdict.approve(
                                new ChallengeResult(uuid, answer.pubkey(), answer.challenge())))
                        .orElseGet(() -> Verdict.ignore("challenge_ack data does not decrypt with the auth_key"));
            }
            if (reply instanceof ChallengeNack nack) {
                return refusal(uuid, nack.data(), nack.error(), authKey);
            }
            if (reply instanceof ChallengeErr err) {
                return Verdict.fail(new RequestFailedException(uuid, ErrorText.read(err.error(), authKey)));
            }
            return wrongFamily(reply);
        };
    }

    /**
     * Hive Keychain Mobile refuses with {@code {cmd, uuid}} or {@code {cmd, uuid, error}} and no data: such a
     * nack proves nothing (a HAS could send it), so it is ignored like any unconfirmed nack and the request
     * runs to its expiry.
     */
    private static <T> Verdict<T> refusal(String uuid, String data, String reason, String authKey) {
        if (!NackData.confirms(data, uuid, authKey)) {
            return Verdict.ignore("nack data does not decrypt to the request's uuid");
        }
        return Verdict.fail(new RequestRefusedException(uuid, reason));
    }

    private static <T> Verdict<T> wrongFamily(Reply reply) {
        return Verdict.ignore(reply.cmd() + " does not answer a request of this kind");
    }
}
