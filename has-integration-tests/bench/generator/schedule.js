'use strict';
// The open loop's clock: the i-th send is due at first + i / rate, worked out from the first each time rather than
// from the previous wake-up, so a timer that fires late never pushes the later sends back (no drift). Whatever fell
// due while the process was busy goes out at once when it wakes, and how late that was is kept: a sender behind its
// schedule offers less load than it claims, and its delay must show in the figures, not hide.
const { performance } = require('perf_hooks');

class Schedule {
  /**
   * Calls `send(dueAt)` `perSecond` times a second, from `first` up to `end` excluded (performance.now() times), then
   * `onEnd()` once. The first wake-up is on a timer, so the caller finishes what it is doing first.
   */
  constructor(first, end, perSecond, send, onEnd) {
    this.first = first;
    this.end = end;
    this.interval = 1000 / perSecond;
    this.sent = 0;
    this.maxLag = 0;
    this.send = send;
    this.onEnd = onEnd;
    this.timer = setTimeout(() => this.wake(), Math.max(0, first - performance.now()));
  }

  /** When the next send is due. */
  nextDue() {
    return this.first + this.sent * this.interval;
  }

  wake() {
    this.timer = null;
    const now = performance.now();
    let due = this.nextDue();
    // The earliest send still due is the latest: its lag is this wake-up's worst.
    if (due <= now && due < this.end) {
      this.maxLag = Math.max(this.maxLag, now - due);
    }
    while (due <= now && due < this.end) {
      this.send(due);
      this.sent++;
      due = this.nextDue();
    }
    if (due >= this.end) {
      this.onEnd();
      return;
    }
    // Node's timers wake in whole ms, sometimes a fraction early by this clock: then nothing is due yet and the next
    // wake-up comes a ms later. A send is never early, at worst about a ms late, and that counts in its latency.
    this.timer = setTimeout(() => this.wake(), Math.max(0, due - performance.now()));
  }
}

module.exports = { Schedule };
