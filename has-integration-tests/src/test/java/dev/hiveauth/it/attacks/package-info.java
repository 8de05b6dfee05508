/**
 * Attacks: forged wallet replies, replayed requests, and a malicious relay in the middle tampering with what it
 * relays — what the roles refuse, and what the protocol leaves open.
 */
package dev.hiveauth.it.attacks;
