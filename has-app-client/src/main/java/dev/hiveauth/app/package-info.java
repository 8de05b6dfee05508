/**
 * The HiveAuth client for applications (the APP role): {@link dev.hiveauth.app.HasClient} authenticates Hive
 * accounts through a HAS and asks their wallets to sign transactions and challenges, each request a
 * {@link java.util.concurrent.CompletableFuture}.
 *
 * <p>What a result means:
 * <ul>
 *   <li>approved: an {@link dev.hiveauth.app.AuthResult}, a {@link dev.hiveauth.app.SignResult} or a
 *       {@link dev.hiveauth.protocol.payload.ChallengeAckData}; only replies that decrypt with the request's
 *       auth_key count (a {@code sign_ack} is unencrypted by the protocol and cannot be checked);</li>
 *   <li>{@link dev.hiveauth.app.RequestRefusedException}: the wallet refused (a nack whose data decrypts to
 *       the uuid);</li>
 *   <li>{@link dev.hiveauth.app.RequestFailedException}: the wallet failed and said why;</li>
 *   <li>{@link dev.hiveauth.app.RequestExpiredException}: no answer before the request's {@code expire};</li>
 *   <li>{@link dev.hiveauth.app.ServerErrorException}: the HAS refused the request;</li>
 *   <li>{@link dev.hiveauth.app.RequestLostException}: the connection dropped before the HAS acknowledged
 *       the request, or the HAS forgot it ({@code attach_nack}), or the client was closed;</li>
 *   <li>{@link dev.hiveauth.app.ConnectionFailedException} and
 *       {@link dev.hiveauth.app.ProtocolMismatchException}: no usable connection to the HAS.</li>
 * </ul>
 *
 * <p>{@link dev.hiveauth.app.ChallengeVerifier} checks a signed challenge, optionally against the account's
 * keys on chain ({@link dev.hiveauth.app.AccountKeyLookup}).
 */
package dev.hiveauth.app;
