package dev.hiveauth.protocol.message;

/** One HAS protocol message: a JSON object with a {@code cmd}, sent over a WebSocket text frame. */
public sealed interface HasMessage
        permits Connected, KeyReq, KeyAck, RegisterReq, RegisterAck, Request, Wait, WaitNotice, Reply,
                AttachReq, AttachAck, AttachNack, ErrorMessage {

    /** The wire name of the command, e.g. {@code "auth_req"}. */
    String cmd();
}
