/**
 * What an APP and a PKSA tell each other through the HAS, encrypted with their shared {@code auth_key}
 * (CryptoJS AES), which the HAS never sees; and the {@code has://auth_req/} payload that gives the PKSA that
 * key out of band.
 *
 * <p>Decrypting follows one rule: a ciphertext only counts if it decrypts, with valid padding, to valid
 * UTF-8 that is valid JSON (a wrong key sometimes "decrypts" to garbage in CryptoJS). So every
 * {@code decrypt} returns {@link java.util.Optional#empty()} when the text does not open with this key
 * (malformed ciphertext, bad padding, not UTF-8, not JSON), and throws {@link
 * dev.hiveauth.protocol.payload.PayloadException} when it opens but the payload is invalid (a field missing
 * or of the wrong type, an unknown key type, a duplicate key). Optional fields are nullable record
 * components, omitted from the JSON when null; unknown fields are ignored.
 */
package dev.hiveauth.protocol.payload;
