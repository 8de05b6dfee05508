package dev.hiveauth.protocol.message;

import dev.hiveauth.protocol.json.JsonWriter;

/** Writes each command as compact JSON, {@code cmd} first, then the fields in the order the docs list them. */
final class MessageWriter {
    private MessageWriter() {
    }

    static String write(HasMessage message) {
        JsonWriter w = new JsonWriter().beginObject().field("cmd", message.cmd());
        if (message instanceof Connected m) {
            w.field("timeout", m.timeout()).field("version", m.version()).name("protocol").value(m.protocol());
        } else if (message instanceof KeyAck m) {
            w.field("key", m.key());
        } else if (message instanceof RegisterReq m) {
            writeRegisterReq(w, m);
        } else if (message instanceof RegisterAck m) {
            w.field("account", m.account());
        } else if (message instanceof Request m) {
            writeRequest(w, m);
        } else if (message instanceof Wait m) {
            w.field("uuid", m.uuid()).field("expire", m.expire());
            if (m instanceof AuthWait auth) {
                w.field("account", auth.account());
            }
        } else if (message instanceof Reply m) {
            writeReply(w, m);
        } else if (message instanceof AttachReq m) {
            w.field("uuid", m.uuid());
        } else if (message instanceof AttachAck m) {
            w.field("uuid", m.uuid());
        } else if (message instanceof AttachNack m) {
            w.field("uuid", m.uuid());
        } else if (message instanceof ErrorMessage m) {
            w.field("error", m.error()).optionalField("uuid", m.uuid());
        } else if (!(message instanceof KeyReq) && !(message instanceof WaitNotice)) {
            // KeyReq and WaitNotice have nothing but their cmd; anything else is a record this writer forgot.
            throw new IllegalStateException("no writer for " + message.cmd());
        }
        return w.endObject().toString();
    }

    private static void writeRegisterReq(JsonWriter w, RegisterReq m) {
        w.field("app", m.app()).name("accounts").beginArray();
        for (RegisterReq.Account account : m.accounts()) {
            w.beginObject()
                    .field("name", account.name())
                    .optionalField("pok", account.pok())
                    .optionalField("key_type", account.keyType())
                    .optionalField("challenge", account.challenge())
                    .endObject();
        }
        w.endArray();
    }

    private static void writeRequest(JsonWriter w, Request m) {
        w.field("account", m.account()).field("data", m.data())
                .optionalField("uuid", m.uuid()).optionalField("expire", m.expire())
                .optionalField("token", m.token());
        if (m instanceof AuthReq auth) {
            w.optionalField("auth_key", auth.authKey());
        }
    }

    private static void writeReply(JsonWriter w, Reply m) {
        w.field("uuid", m.uuid());
        if (m instanceof AuthAck r) {
            w.field("data", r.data());
        } else if (m instanceof ChallengeAck r) {
            w.field("data", r.data());
        } else if (m instanceof SignAck r) {
            w.optionalField("broadcast", r.broadcast()).name("data").value(r.data());
        } else if (m instanceof AuthNack r) {
            w.optionalField("data", r.data()).optionalField("error", r.error());
        } else if (m instanceof SignNack r) {
            w.optionalField("data", r.data()).optionalField("error", r.error());
        } else if (m instanceof ChallengeNack r) {
            w.optionalField("data", r.data()).optionalField("error", r.error());
        } else if (m instanceof AuthErr r) {
            w.field("error", r.error());
        } else if (m instanceof SignErr r) {
            w.field("error", r.error());
        } else if (m instanceof ChallengeErr r) {
            w.field("error", r.error());
        }
        w.optionalField("pok", m.pok());
    }
}
