'use strict';
// What went wrong for one simulated peer, the failure counters of the JVM generator's PeerCounts: errors the relay
// sent, frames not expected, payloads not as sent, sends that failed, a close by the relay; a few samples kept.
const SAMPLES = 5;

class PeerCounts {
  constructor() {
    this.errors = 0;
    this.unexpected = 0;
    this.undecryptable = 0;
    this.sendFailures = 0;
    this.closedBy = null;
    this.samples = [];
  }

  error(text) {
    this.errors++;
    this.sample(`error: ${text}`);
  }

  unexpectedFrame(what) {
    this.unexpected++;
    this.sample(`unexpected: ${what}`);
  }

  /** The payload is not the one sent: the relay changed it or sent it to the wrong peer. */
  wrongPayload(what) {
    this.undecryptable++;
    this.sample(`wrong payload: ${what}`);
  }

  sendFailure(why) {
    this.sendFailures++;
    this.sample(`send failed: ${why}`);
  }

  closed(code, reason) {
    this.closedBy = `${code} ${reason}`;
  }

  sample(text) {
    if (this.samples.length < SAMPLES) {
      this.samples.push(text.length > 200 ? `${text.substring(0, 200)}…` : text);
    }
  }

  toJSON() {
    return {
      errors: this.errors, unexpected: this.unexpected, undecryptable: this.undecryptable,
      sendFailures: this.sendFailures, closedBy: this.closedBy, samples: this.samples,
    };
  }
}

module.exports = { PeerCounts };
