/**
 * Strict JSON reading and JavaScript-identical JSON writing, shared by the message codec, the encrypted
 * payloads and the {@code has://} payload. Not protocol vocabulary: roles use
 * {@link dev.hiveauth.protocol.message.MessageCodec} and the payload types instead.
 *
 * <p>Reading ({@link dev.hiveauth.protocol.json.StrictJson}) accepts RFC 8259 JSON only, one object per
 * text, and rejects duplicate keys, trailing data and nesting deeper than
 * {@value dev.hiveauth.protocol.json.StrictJson#MAX_DEPTH}. Writing ({@link dev.hiveauth.protocol.json.JsonWriter})
 * produces exactly what JavaScript's {@code JSON.stringify} produces for the same values in the same order.
 */
package dev.hiveauth.protocol.json;
