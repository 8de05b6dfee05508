'use strict';
// An application reduced to its protocol, the light twin of the JVM generator's SimulatedApp: it keeps `inFlight`
// auth_reqs outstanding on one socket, to its accounts in turn, and checks that each gets exactly one auth_wait (in
// order: the only correlation the protocol gives) and exactly one auth_ack with that uuid, carrying the data its
// wallet sent. It runs a closed loop (`go`) or an open one at a fixed rate (`atRate`), the load the harness asks for.
const { performance } = require('perf_hooks');
const { Link } = require('./link');
const { PeerCounts } = require('./peer-counts');
const { Schedule } = require('./schedule');

class App {
  /**
   * Connects; `onReady()` runs once the relay's `connected` frame came.
   * @param config the run (generator.js): relay, accounts, inFlight, rate (the open loop's, this APP's share)
   * @param first the account to start with: the APPs start on different accounts, so that accounts and wallets share
   *     the load evenly
   */
  constructor(config, first, onReady) {
    const accounts = config.accounts;
    this.accounts = accounts;
    // The relay never reads `data` (SPEC §6), so each account's request is encrypted once, by the harness, and sent as
    // the same bytes every time. A real APP encrypts each request afresh (a new salt), which costs the APP only.
    this.requests = accounts.map((a) => Buffer.from(JSON.stringify({ cmd: 'auth_req', account: a.name,
      data: a.requestData })));
    this.next = first % accounts.length;
    // A request in flight holds a slot: its account and when it was sent (in the open loop: when it was due). The
    // slots of requests still waiting for their auth_wait are queued in the order sent; those with a uuid are found by
    // it. A closed loop never needs more slots than inFlight; an open loop grows them (grow()).
    const slots = config.inFlight;
    this.inFlight = slots;
    this.slotAccount = new Int32Array(slots);
    this.slotStart = new Float64Array(slots);
    this.freeSlots = Array.from({ length: slots }, (_, slot) => slot);
    this.waitQueue = new Int32Array(slots);
    this.waitHead = 0;
    this.waiting = 0;
    this.awaitingAck = new Map();
    this.acksBeforeWait = new Map(); // uuid -> { at, data }: an ack that overtook its wait
    this.tally = { sent: 0, waits: 0, answered: 0, duplicates: 0, acksBeforeWait: 0, unmatchedWaits: 0 };
    this.counts = new PeerCounts();
    this.sending = false;
    this.rate = config.rate;
    this.schedule = null;
    this.maxSendLag = 0;
    this.afterSchedule = null;
    this.windowStart = Infinity;
    this.windowEnd = -Infinity;
    // The closed loop measures the answers that arrive in the window; the open loop, the requests due in it.
    this.measureFromDue = false;
    this.answeredInWindow = 0;
    this.measured = 0;
    this.latencies = new Float64Array(1 << 16);
    this.drained = null;
    this.onReady = onReady;
    this.link = new Link(config.relay, this.counts, () => {}, (message) => this.onMessage(message));
  }

  /**
   * Starts the closed loop: the answers arriving from `startMillis` to `endMillis` (epoch ms, as the harness's clock
   * and Date.now() read the same system clock) are the measured window's.
   */
  go(startMillis, endMillis) {
    // performance.now() is the cheaper clock to read per answer: the window in its terms, once.
    const offset = Date.now() - performance.now();
    this.windowStart = startMillis - offset;
    this.windowEnd = endMillis - offset;
    this.measureFromDue = false;
    this.sending = true;
    for (let i = 0; i < this.inFlight; i++) {
      this.send(performance.now());
    }
  }

  /**
   * Starts the open loop: `config.rate` requests per second on a fixed schedule from `firstMillis` up to `endMillis`
   * (epoch ms, fractions allowed), whether or not earlier ones were answered. Each latency counts from the request's
   * due time, not from when it left: a sender that fell behind shows its delay instead of hiding it (coordinated
   * omission). The requests due from `startMillis` to `endMillis` are the measured window's.
   */
  atRate(firstMillis, startMillis, endMillis) {
    if (!(this.rate > 0)) {
      throw new Error(`an open loop needs a rate in the configuration, not ${this.rate}`);
    }
    const offset = Date.now() - performance.now();
    this.windowStart = startMillis - offset;
    this.windowEnd = endMillis - offset;
    this.measureFromDue = true;
    this.schedule = new Schedule(firstMillis - offset, this.windowEnd, this.rate, (due) => this.send(due), () => {
      this.maxSendLag = Math.max(this.maxSendLag, this.schedule.maxLag);
      this.schedule = null;
      const after = this.afterSchedule;
      this.afterSchedule = null;
      if (after !== null) {
        after();
      }
    });
  }

  /**
   * No request is sent after this; `then()` runs when every one sent is answered, or after `drainMillis`. An open loop
   * first sends the rest of its schedule, so that every request due in the window was sent.
   */
  stop(drainMillis, then) {
    this.sending = false;
    if (this.schedule !== null) {
      this.afterSchedule = () => this.stop(drainMillis, then);
      return;
    }
    let timer = null;
    this.drained = () => {
      this.drained = null;
      clearTimeout(timer);
      then();
    };
    timer = setTimeout(this.drained, drainMillis);
    if (this.tally.sent === this.tally.answered) {
      this.drained();
    }
  }

  /** Sends the next account's request; its latency will count from `start` (performance.now() time). */
  send(start) {
    if (this.freeSlots.length === 0) {
      this.grow();
    }
    const slot = this.freeSlots.pop();
    const account = this.next;
    this.next = account + 1 === this.accounts.length ? 0 : account + 1;
    this.slotAccount[slot] = account;
    this.slotStart[slot] = start;
    this.waitQueue[(this.waitHead + this.waiting) % this.waitQueue.length] = slot;
    this.waiting++;
    this.tally.sent++;
    this.link.send(this.requests[account]);
  }

  /** Doubles the slots, the queue of those waiting for an auth_wait laid out again from its head. */
  grow() {
    const size = this.slotAccount.length;
    const slotAccount = new Int32Array(size * 2);
    slotAccount.set(this.slotAccount);
    const slotStart = new Float64Array(size * 2);
    slotStart.set(this.slotStart);
    const waitQueue = new Int32Array(size * 2);
    for (let i = 0; i < this.waiting; i++) {
      waitQueue[i] = this.waitQueue[(this.waitHead + i) % size];
    }
    this.slotAccount = slotAccount;
    this.slotStart = slotStart;
    this.waitQueue = waitQueue;
    this.waitHead = 0;
    for (let slot = size * 2 - 1; slot >= size; slot--) {
      this.freeSlots.push(slot);
    }
  }

  onMessage(message) {
    switch (message.cmd) {
      case 'auth_wait':
        this.onWait(message);
        break;
      case 'auth_ack':
        this.onAck(message, performance.now());
        break;
      case 'error':
        this.counts.error(message.error);
        break;
      case 'connected':
        this.onReady();
        break;
      default:
        this.counts.unexpectedFrame(String(message.cmd));
    }
  }

  onWait(wait) {
    if (this.waiting === 0) {
      this.tally.unmatchedWaits++;
      return;
    }
    const slot = this.waitQueue[this.waitHead];
    this.waitHead = (this.waitHead + 1) % this.waitQueue.length;
    this.waiting--;
    this.tally.waits++;
    const account = this.accounts[this.slotAccount[slot]];
    if (wait.account !== account.name) {
      this.counts.unexpectedFrame(`auth_wait for ${wait.account} answers a request for ${account.name}`);
    }
    const early = this.acksBeforeWait.get(wait.uuid);
    if (early === undefined) {
      this.awaitingAck.set(wait.uuid, slot);
      return;
    }
    // Its ack overtook the wait (the relay sends the wait first, so it should not; it is counted): the request was
    // answered when the ack came.
    this.acksBeforeWait.delete(wait.uuid);
    this.answered(slot, early.data, early.at);
  }

  onAck(ack, now) {
    const slot = this.awaitingAck.get(ack.uuid);
    if (slot === undefined) {
      if (this.acksBeforeWait.has(ack.uuid)) {
        this.tally.duplicates++;
      } else {
        this.tally.acksBeforeWait++;
        this.acksBeforeWait.set(ack.uuid, { at: now, data: ack.data });
      }
      return;
    }
    this.awaitingAck.delete(ack.uuid);
    this.answered(slot, ack.data, now);
  }

  answered(slot, data, at) {
    const account = this.accounts[this.slotAccount[slot]];
    // The wallet sends each account's one encrypted answer (wallet.js): anything else was changed or misrouted.
    if (data !== account.ackData) {
      this.counts.wrongPayload(`auth_ack data for ${account.name}`);
    }
    this.tally.answered++;
    const start = this.slotStart[slot];
    if (at >= this.windowStart && at < this.windowEnd) {
      this.answeredInWindow++;
    }
    const measuredAt = this.measureFromDue ? start : at;
    if (measuredAt >= this.windowStart && measuredAt < this.windowEnd) {
      this.recordLatency(at - start);
    }
    this.freeSlots.push(slot);
    if (this.sending) {
      this.send(performance.now());
    } else if (this.drained !== null && this.tally.sent === this.tally.answered) {
      this.drained();
    }
  }

  recordLatency(millis) {
    if (this.measured === this.latencies.length) {
      const grown = new Float64Array(this.latencies.length * 2);
      grown.set(this.latencies);
      this.latencies = grown;
    }
    this.latencies[this.measured++] = millis;
  }

  /**
   * What this APP counted, as the harness reads it: every request's fate, the answers that arrived in the window, the
   * window's latencies in µs and, after an open loop, how late its sender fell behind its schedule at worst.
   */
  report() {
    const latencyMicros = Array.from(this.latencies.subarray(0, this.measured), (ms) => Math.round(ms * 1000));
    const maxSendLag = Math.max(this.maxSendLag, this.schedule === null ? 0 : this.schedule.maxLag);
    return {
      event: 'tally', role: 'app', ...this.tally,
      // An ack no wait ever claimed was a second one for an answered uuid, or one for a request never made.
      duplicates: this.tally.duplicates + this.acksBeforeWait.size,
      answeredInWindow: this.answeredInWindow, maxSendLagMicros: Math.round(maxSendLag * 1000), ...this.counts.toJSON(),
      latencyMicros,
    };
  }
}

module.exports = { App };
