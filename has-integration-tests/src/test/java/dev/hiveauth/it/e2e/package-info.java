/**
 * Every flow end to end, all three roles real and in one JVM against a fake Hive node: logins (QR payload and
 * service mode, challenges, refusal, wallet error, expiry, a stored authentication reused), transactions (broadcast,
 * sign-only, posting and active keys, allow-list, node refusals), challenges (signatures checked on chain, memo
 * decryption), a strict relay, and many requests in flight at once.
 */
package dev.hiveauth.it.e2e;
