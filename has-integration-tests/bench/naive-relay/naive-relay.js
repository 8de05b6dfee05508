'use strict';
// A HAS relay that checks nothing: the yardstick the load benchmark's external phase holds has-server against
// (BENCHMARKS.md). It speaks just enough of SPEC §§2, 5-7 for the benchmark's simulated APPs and wallets:
// no proof of key, no account-name rules, no limits, no expiry, no attach, no metrics. Never deploy it.
//
//   node naive-relay.js [PORT [TIMEOUT_SECONDS]]    (PORT 0, the default, picks a free one)
//
// It prints "naive relay listening on ws://127.0.0.1:PORT/" once it listens, and exits when its standard
// input closes, so it never outlives the benchmark that started it.
const crypto = require('crypto');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 0);
const timeoutSeconds = Number(process.argv[3] || 60);

const walletOf = new Map(); // account -> the socket that registered it last
const appOf = new Map(); // uuid -> the socket that asked

const server = new WebSocketServer({ host: '127.0.0.1', port });

server.on('listening', () => {
  console.log(`naive relay listening on ws://127.0.0.1:${server.address().port}/`);
});

server.on('connection', (socket) => {
  // The APPs wait for this frame before they send anything.
  socket.send(JSON.stringify({ cmd: 'connected', timeout: timeoutSeconds, version: 'naive-relay', protocol: 1 }));
  socket.on('message', (bytes) => onMessage(socket, bytes));
  socket.on('close', () => forget(socket));
});

function onMessage(socket, bytes) {
  let message;
  try {
    message = JSON.parse(bytes);
  } catch {
    return; // Hive Keychain's literal "ping" among them
  }
  switch (message.cmd) {
    case 'register_req':
      for (const account of message.accounts) {
        walletOf.set(account.name, socket);
        socket.send(JSON.stringify({ cmd: 'register_ack', account: account.name }));
      }
      break;
    case 'auth_req':
      request(socket, message);
      break;
    case 'auth_ack':
    case 'auth_nack':
      reply(message);
      break;
    default:
      break;
  }
}

function request(app, message) {
  const uuid = crypto.randomUUID();
  const expire = Date.now() + timeoutSeconds * 1000;
  appOf.set(uuid, app);
  app.send(JSON.stringify({ cmd: 'auth_wait', uuid, expire, account: message.account }));
  const wallet = walletOf.get(message.account);
  if (wallet) {
    // The fields has-server forwards (SPEC §6), in its order; undefined ones (token, auth_key) are left out.
    wallet.send(JSON.stringify({
      cmd: 'auth_req', account: message.account, data: message.data, uuid, expire,
      token: message.token, auth_key: message.auth_key,
    }));
  }
}

function reply(message) {
  const app = appOf.get(message.uuid);
  if (app) {
    appOf.delete(message.uuid);
    // What has-server relays (SPEC §7): never the wallet's pok.
    app.send(JSON.stringify({ cmd: message.cmd, uuid: message.uuid, data: message.data, error: message.error }));
  }
}

function forget(socket) {
  for (const [account, wallet] of walletOf) {
    if (wallet === socket) {
      walletOf.delete(account);
    }
  }
}

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
