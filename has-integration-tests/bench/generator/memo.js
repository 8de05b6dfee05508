'use strict';
// Hive encrypted memos, as far as a wallet's proof of key needs them (SPEC §4): encoding only, byte for byte as
// hive-js's memo.encode (reference/hive-crypto-notes.md §3.1). `node generator.js --self-test` checks it against the
// known vectors of §3.3.
const crypto = require('crypto');

const ALPHABET_CODES = Buffer.from('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 'latin1');
// Base58 digits are worked out five at a time: a limb below 58^5 times 2^16, plus a carry, stays an exact integer in
// a double (< 2^53), so two input bytes go in per pass and no BigInt is made.
const LIMB = 58 ** 5;
const DIGITS_PER_LIMB = 5;

/** Base58 (Bitcoin's alphabet) of `bytes`; each leading zero byte is a leading '1'. */
function base58(bytes) {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) {
    zeros++;
  }
  // log(256) / log(58) = 1.37 digits per byte
  const limbs = new Float64Array(Math.ceil(((bytes.length - zeros) * 1.37) / DIGITS_PER_LIMB) + 1);
  let used = 0;
  for (let i = zeros; i < bytes.length;) {
    let carry;
    let factor;
    if (i + 1 < bytes.length) {
      carry = bytes[i] * 256 + bytes[i + 1];
      factor = 65536;
      i += 2;
    } else {
      carry = bytes[i];
      factor = 256;
      i += 1;
    }
    for (let j = 0; j < used; j++) {
      const value = limbs[j] * factor + carry;
      carry = Math.floor(value / LIMB);
      limbs[j] = value - carry * LIMB;
    }
    while (carry > 0) {
      limbs[used++] = carry % LIMB;
      carry = Math.floor(carry / LIMB);
    }
  }
  // Written from the last character backwards into a buffer of ASCII codes: no string per digit.
  const out = Buffer.allocUnsafe(zeros + used * DIGITS_PER_LIMB);
  let at = out.length;
  for (let j = 0; j < used; j++) {
    let value = limbs[j];
    for (let k = 0; k < DIGITS_PER_LIMB && (j < used - 1 || value > 0); k++) {
      const quotient = Math.floor(value / 58);
      out[--at] = ALPHABET_CODES[value - quotient * 58];
      value = quotient;
    }
  }
  out.fill(ALPHABET_CODES[0], at - zeros, at);
  return out.toString('latin1', at - zeros);
}

/** Unsigned LEB128, as fc::raw packs a length: 7 bits a byte, low groups first. */
function varint(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value > 0) {
      byte |= 0x80;
    }
    bytes.push(byte);
  } while (value > 0);
  return Buffer.from(bytes);
}

/**
 * Memos from one private key to one public key. The ECDH and the hash of its result are done once, when it is made:
 * a real wallet may keep that secret per account and relay key too, so only what changes per memo (nonce, text) is
 * paid per memo.
 */
class MemoSender {
  /** @param privateKey 32 bytes; @param recipient the recipient's compressed public key, 33 bytes */
  constructor(privateKey, recipient) {
    const ecdh = crypto.createECDH('secp256k1');
    ecdh.setPrivateKey(privateKey);
    this.from = ecdh.getPublicKey(null, 'compressed');
    this.to = Buffer.from(recipient);
    // computeSecret gives the x coordinate of the shared point, 32 bytes: S = SHA512(x) (§3.1 step 3).
    this.secret = crypto.createHash('sha512').update(ecdh.computeSecret(this.to)).digest();
  }

  /** `#text` encrypted under the 64-bit nonce `high * 2^32 + low`, as "#" + Base58 of the serialized memo. */
  encode(text, low, high) {
    if (!text.startsWith('#')) {
      return text; // a plain memo, as hive-js leaves it
    }
    const body = Buffer.from(text.substring(1), 'utf8');
    const plain = Buffer.concat([varint(body.length), body]);
    const nonce = Buffer.allocUnsafe(8);
    nonce.writeUInt32LE(low >>> 0, 0);
    nonce.writeUInt32LE(high >>> 0, 4);
    // Raw bytes, not hex: SHA512(nonce LE || S); AES-256-CBC key and IV are its first 32 and next 16 bytes.
    const key = crypto.createHash('sha512').update(nonce).update(this.secret).digest();
    const cipher = crypto.createCipheriv('aes-256-cbc', key.subarray(0, 32), key.subarray(32, 48));
    const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
    const check = crypto.createHash('sha256').update(key).digest().subarray(0, 4);
    return '#' + base58(Buffer.concat([this.from, this.to, nonce, check, varint(encrypted.length), encrypted]));
  }
}

let entropy = crypto.randomInt(0x10000);

/**
 * A fresh nonce as hive-js makes one, (Date.now() << 16) | a 16-bit counter, split into the 32-bit halves
 * MemoSender.encode takes (the whole is above 2^53, past what a double holds exactly).
 */
function uniqueNonce() {
  const millis = Date.now();
  entropy = (entropy + 1) & 0xffff;
  return { low: (millis % 0x10000) * 0x10000 + entropy, high: Math.floor(millis / 0x10000) };
}

module.exports = { base58, MemoSender, uniqueNonce };
