'use strict';
// `node generator.js --self-test`: the generator's memo encoding on the vectors of reference/hive-crypto-notes.md §3.3
// and Base58 on Bitcoin's own vectors. The harness runs it before a run: a wrong byte would make every proof fail,
// and the jar would answer each with an error.
const crypto = require('crypto');
const { base58, MemoSender } = require('./memo');

const BASE58 = [
  ['', ''],
  ['61', '2g'],
  ['626262', 'a3gV'],
  ['73696d706c792061206c6f6e6720737472696e67', '2cFupjhnEsSn59qHXstmK2ffpLv2'],
  ['00eb15231dfceb60925886b67d065299925915aeb172c06647', '1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L'],
  ['516b6fcd0f', 'ABnLTmg'],
  ['0000287fb4cd', '11233QC4'],
  ['00000000000000000000', '1111111111'],
];

/** PrivateKey.fromSeed(seed): SHA256 of the seed's UTF-8 (§1.3). */
function fromSeed(seed) {
  return crypto.createHash('sha256').update(seed, 'utf8').digest();
}

function publicKeyOf(privateKey) {
  const ecdh = crypto.createECDH('secp256k1');
  ecdh.setPrivateKey(privateKey);
  return ecdh.getPublicKey(null, 'compressed');
}

/** The nonce as MemoSender.encode takes it; the vectors' nonces are below 2^53, exact in a double. */
function split(nonce) {
  return [nonce % 0x100000000, Math.floor(nonce / 0x100000000)];
}

const MEMOS = [
  {
    what: 'known vector (hive-js memo.test.js): fromSeed("") to itself',
    key: fromSeed(''),
    to: publicKeyOf(fromSeed('')),
    nonce: 1462976530069648,
    text: '#爱',
    expected: '#HU6pdQ4Hh8cFrDVooekRPVZu4BdrhAe9RxrWrei2CwfAApAPdM4PT5mSV9cV3tTuWKotYQF6suyM4JHFBZz4pcwyezPzuZ2na7uwhRcL'
      + 'qFoqCam1VU3eCLjVNqcgUNbH3',
  },
  {
    what: 'two-party vector (POK-like): 5K2yDAd9… to fromSeed("1")',
    key: Buffer.from('a07eb78ab4686bc5ba08d907758d55d04d072bf48dc32e4e0bc056ed89ce3cc3', 'hex'),
    to: publicKeyOf(fromSeed('1')),
    nonce: 1650000000000123,
    text: '#1650000000000',
    expected: '#JGGw9ifqpSoEN45uzEfZaqC61yLGfPbs3pESfyKxkcsf4uWvtvMkejyqKC9ouJ39mW9nqVVB86JEDmpHA3m5pprpDBtTnzp2ZC3dnJPAW'
      + 'ukBfJy7evjeZMMcsEcjEd8LC',
  },
];

/** Prints what failed to stderr; returns whether everything matched. */
function selfTest() {
  const failures = [];
  for (const [hex, expected] of BASE58) {
    const actual = base58(Buffer.from(hex, 'hex'));
    if (actual !== expected) {
      failures.push(`base58(${hex}) = ${actual}, expected ${expected}`);
    }
  }
  for (const vector of MEMOS) {
    const actual = new MemoSender(vector.key, vector.to).encode(vector.text, ...split(vector.nonce));
    if (actual !== vector.expected) {
      failures.push(`memo, ${vector.what}: ${actual}, expected ${vector.expected}`);
    }
  }
  for (const failure of failures) {
    console.error(failure);
  }
  return failures.length === 0;
}

module.exports = { selfTest };
