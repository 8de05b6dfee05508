'use strict';
// A wallet reduced to what the relay sees of one, the light twin of the JVM generator's SimulatedPksa: it registers its
// accounts with a real proof of key and answers every forwarded auth_req with an auth_ack {uuid, data, pok}.
const { Link } = require('./link');
const { MemoSender, uniqueNonce } = require('./memo');
const { PeerCounts } = require('./peer-counts');

class Wallet {
  /**
   * Connects and registers `accounts`; `onReady()` runs once the relay acked every one.
   * @param config the run (generator.js): relay or walletRelay, serverKey, replyPok
   * @param accounts this wallet's share of the run's accounts: each account on exactly one wallet, so each request
   *     has exactly one answer
   */
  constructor(config, accounts, onReady) {
    const serverKey = Buffer.from(config.serverKey, 'hex');
    this.replyPok = config.replyPok;
    this.accounts = new Map();
    for (const account of accounts) {
      this.accounts.set(account.name, {
        name: account.name,
        requestData: account.requestData,
        // The relay never reads `data` (SPEC §6): each account's answer is encrypted once, by the harness. A real
        // wallet encrypts each answer afresh, which costs the wallet only.
        replyData: `,"data":${JSON.stringify(account.ackData)}`,
        // The ECDH with the relay's key is done once per account, as a real wallet may keep it.
        memos: new MemoSender(Buffer.from(account.key, 'hex'), serverKey),
      });
    }
    this.registered = new Set();
    this.tally = { forwarded: 0, replies: 0 };
    this.counts = new PeerCounts();
    this.onReady = onReady;
    // A cluster's wallets may be on another node than its APPs (walletRelay), so that every request crosses nodes.
    const relay = config.walletRelay || config.relay;
    this.link = new Link(relay, this.counts, () => this.register(), (message) => this.onMessage(message));
  }

  register() {
    const accounts = [];
    for (const account of this.accounts.values()) {
      const nonce = uniqueNonce();
      accounts.push({ name: account.name, pok: account.memos.encode(`#${Date.now()}`, nonce.low, nonce.high) });
    }
    this.link.send(JSON.stringify({ cmd: 'register_req', app: 'bench-wallet', accounts }));
  }

  onMessage(message) {
    switch (message.cmd) {
      case 'auth_req':
        this.answer(message);
        break;
      case 'register_ack':
        if (this.accounts.has(message.account) && !this.registered.has(message.account)) {
          this.registered.add(message.account);
          if (this.registered.size === this.accounts.size) {
            this.onReady();
          }
        }
        break;
      case 'error':
        this.counts.error(message.error);
        break;
      case 'connected':
        break;
      default:
        this.counts.unexpectedFrame(String(message.cmd));
    }
  }

  answer(request) {
    this.tally.forwarded++;
    const account = this.accounts.get(request.account);
    if (account === undefined) {
      this.counts.unexpectedFrame(`auth_req for an account this wallet did not register: ${request.account}`);
      return;
    }
    // A wallet must read the request to show the user who asks; here it checks it is the one its APPs send.
    if (request.data !== account.requestData) {
      this.counts.wrongPayload(`auth_req data for ${account.name}`);
      return;
    }
    let frame = `{"cmd":"auth_ack","uuid":${JSON.stringify(request.uuid)}${account.replyData}`;
    if (this.replyPok) {
      const nonce = uniqueNonce();
      frame += `,"pok":"${account.memos.encode(`#${request.uuid}`, nonce.low, nonce.high)}"`;
    }
    this.link.send(`${frame}}`);
    this.tally.replies++;
  }

  report() {
    return { event: 'tally', role: 'wallet', ...this.tally, ...this.counts.toJSON() };
  }
}

module.exports = { Wallet };
