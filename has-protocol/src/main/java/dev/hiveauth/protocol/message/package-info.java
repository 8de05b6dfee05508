/**
 * The HAS messages: one immutable record per {@code cmd}, for both directions, under the sealed
 * {@link dev.hiveauth.protocol.message.HasMessage}, and {@link dev.hiveauth.protocol.message.MessageCodec},
 * the only place that reads or writes their JSON.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Optional fields are <b>nullable</b> record components (documented "or null"): null means absent on
 *       the wire, and the encoder omits the field. Required components are checked non-null. On decoding, a
 *       JSON {@code null} counts as absent.</li>
 *   <li>Times are epoch milliseconds ({@code expire}); {@code connected.timeout} is in seconds.</li>
 *   <li>The three requests share {@link dev.hiveauth.protocol.message.Request}, their {@code *_wait}
 *       answers {@link dev.hiveauth.protocol.message.Wait}, and the nine PKSA answers
 *       {@link dev.hiveauth.protocol.message.Reply}; each knows its
 *       {@link dev.hiveauth.protocol.message.Family}.</li>
 *   <li>Hive Keychain Mobile sends a bare {@code {"cmd":"auth_wait"}} / {@code {"cmd":"sign_wait"}} to the
 *       HAS on receiving a request. Any {@code *_wait} without a {@code uuid} decodes to
 *       {@link dev.hiveauth.protocol.message.WaitNotice}, so the server can ignore it instead of answering
 *       with an error; a {@code *_wait} with a {@code uuid} is read in full.</li>
 *   <li>Unknown extra fields are ignored and not kept.</li>
 * </ul>
 */
package dev.hiveauth.protocol.message;
