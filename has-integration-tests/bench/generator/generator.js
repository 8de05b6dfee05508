'use strict';
// A light load generator for the load benchmark's external and cluster phases (BENCHMARKS.md): the same traffic as the
// JVM generator's simulated APPs and wallets, at a fraction of the CPU per round trip, one process per peer so that
// the harness reads each one's CPU from /proc. An APP runs a closed loop, or an open one at a fixed rate.
//
//   node generator.js --self-test                 the memo encoding on known vectors; exit status 0 when right
//   node generator.js wallet CONFIG FROM TO       registers accounts FROM..TO-1 of CONFIG and answers their requests
//   node generator.js app CONFIG FIRST            sends CONFIG's load, from account FIRST on
//
// CONFIG is a JSON file the harness writes: relay (ws:// URI), walletRelay (where the wallets connect, when not to
// relay: another node of a cluster), serverKey (compressed public key, hex), replyPok (a pok on every reply), inFlight
// (the closed loop's requests outstanding per APP), rate (the open loop's requests per second per APP, absent when
// there is none), drainMillis, accounts [{name, key (private, hex), requestData, ackData}].
//
// Each process prints one JSON line {"event":"ready"} once connected (an APP) or registered (a wallet), and one
// {"event":"tally", …} with its counts at the end. It reads its orders from standard input, one a line:
//   go START END          an APP starts its closed loop; answers arriving from START to END (epoch ms) are the
//                         measured window's
//   rate FIRST START END  an APP sends `rate` requests per second on a fixed schedule from FIRST up to END (epoch
//                         ms, fractions allowed), answered or not; the requests due from START to END are the
//                         measured window's, each latency counted from when it was due
//   pause                 an APP stops its closed loop and prints {"event":"paused"} once its last answers came
//                         (drainMillis at most): a warm-up before an open loop
//   stop                  an APP stops sending (an open loop once its schedule ends), waits for its last answers
//                         (drainMillis at most), reports and exits; a wallet reports and exits
// Standard input closing means stop, so no process outlives the harness that started it.
const fs = require('fs');
const readline = require('readline');

/** Prints `line` as JSON; `then()` runs once it is written (a pipe takes a tally of a few MB in several writes). */
function emit(line, then = () => {}) {
  process.stdout.write(`${JSON.stringify(line)}\n`, then);
}

/** Calls `onLine(words)` for each line of standard input and `onEnd()` once it closes. */
function listen(onLine, onEnd) {
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => onLine(line.trim().split(/\s+/)));
  lines.on('close', onEnd);
}

function runApp(config, first) {
  const { App } = require('./app');
  const app = new App(config, first, () => emit({ event: 'ready' }));
  let stopping = false;
  const stop = () => {
    if (!stopping) {
      stopping = true;
      app.stop(config.drainMillis, () => emit(app.report(), () => app.link.close(() => process.exit(0))));
    }
  };
  listen((words) => {
    if (words[0] === 'go') {
      app.go(Number(words[1]), Number(words[2]));
    } else if (words[0] === 'rate') {
      app.atRate(Number(words[1]), Number(words[2]), Number(words[3]));
    } else if (words[0] === 'pause') {
      app.stop(config.drainMillis, () => emit({ event: 'paused' }));
    } else if (words[0] === 'stop') {
      stop();
    }
  }, stop);
}

function runWallet(config, from, to) {
  const { Wallet } = require('./wallet');
  const wallet = new Wallet(config, config.accounts.slice(from, to), () => emit({ event: 'ready' }));
  let stopping = false;
  const stop = () => {
    if (!stopping) {
      stopping = true;
      emit(wallet.report(), () => wallet.link.close(() => process.exit(0)));
    }
  };
  listen((words) => {
    if (words[0] === 'stop') {
      stop();
    }
  }, stop);
}

function main(args) {
  if (args[0] === '--self-test') {
    const ok = require('./self-test').selfTest();
    console.log(ok ? 'self-test passed' : 'self-test FAILED');
    process.exit(ok ? 0 : 1);
  }
  const config = args.length >= 3 ? JSON.parse(fs.readFileSync(args[1], 'utf8')) : null;
  if (args[0] === 'app' && config) {
    runApp(config, Number(args[2]));
  } else if (args[0] === 'wallet' && args.length === 4) {
    runWallet(config, Number(args[2]), Number(args[3]));
  } else {
    console.error('usage: node generator.js --self-test | wallet CONFIG FROM TO | app CONFIG FIRST');
    process.exit(2);
  }
}

main(process.argv.slice(2));
