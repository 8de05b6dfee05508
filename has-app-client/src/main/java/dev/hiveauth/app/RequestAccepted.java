package dev.hiveauth.app;

/**
 * The relay took a signing or challenge request ({@code sign_wait}, {@code challenge_wait}): from now on it waits
 * for the wallet under this uuid, until {@code expire}.
 *
 * @param uuid the request id the relay gave
 * @param expire when the request expires, epoch ms
 */
public record RequestAccepted(String uuid, long expire) {
}
