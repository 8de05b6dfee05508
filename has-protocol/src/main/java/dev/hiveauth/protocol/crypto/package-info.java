/**
 * Hive's cryptography as small pure functions, byte for byte what hive-js and crypto-js produce: Base58, keys
 * ({@code PrivateKey} in WIF, {@code PublicKey} as {@code STM…}), deterministic signatures with recovery, memos,
 * CryptoJS's passphrase AES, and the proof of key a PKSA registers with.
 */
package dev.hiveauth.protocol.crypto;
