'use strict';
// A HAS relay that checks nothing: the yardstick the load benchmark's external phase holds has-server against
// (BENCHMARKS.md). It speaks just enough of SPEC §§2, 5-7 for the benchmark's simulated APPs and wallets:
// no proof of key, no account-name rules, no limits, no expiry, no attach, no metrics. Never deploy it.
//
//   node naive-relay.js [PORT [TIMEOUT_SECONDS [REDIS_URL]]]    (PORT 0, the default, picks a free one)
//
// With a REDIS_URL it is one node of a naive cluster, the yardstick of the cluster phase: a request is published
// on its account's channel, which the nodes with a wallet for it subscribe to, and the reply on the channel of
// the APP's node. Nothing is stored: one PUBLISH each way, the least two nodes on Redis can do for a round trip.
//
// It prints "naive relay listening on ws://127.0.0.1:PORT/" once it listens, and exits when its standard
// input closes, so it never outlives the benchmark that started it.
const crypto = require('crypto');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 0);
const timeoutSeconds = Number(process.argv[3] || 60);
const redisUrl = process.argv[4];

const walletOf = new Map(); // account -> the socket that registered it last
const appOf = new Map(); // uuid -> the socket that asked
const nodeOf = new Map(); // uuid -> the node of the APP that asked, for a request forwarded to a wallet here
const node = crypto.randomUUID();
const cluster = redisUrl ? connectCluster(redisUrl) : null;

async function connectCluster(url) {
  const { createClient } = require('redis');
  const commands = createClient({ url });
  const subscriber = commands.duplicate();
  await Promise.all([commands.connect(), subscriber.connect()]);
  await subscriber.subscribe(`naive:node:${node}`, (text) => replied(JSON.parse(text)));
  return { commands, subscriber, watched: new Set() };
}

const server = new WebSocketServer({ host: '127.0.0.1', port });

server.on('listening', async () => {
  await cluster;
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
        register(socket, account.name);
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

async function register(wallet, account) {
  walletOf.set(account, wallet);
  if (cluster) {
    const { subscriber, watched } = await cluster;
    if (!watched.has(account)) {
      watched.add(account);
      await subscriber.subscribe(`naive:account:${account}`, (text) => forwarded(JSON.parse(text)));
    }
  }
  wallet.send(JSON.stringify({ cmd: 'register_ack', account }));
}

function request(app, message) {
  const uuid = crypto.randomUUID();
  const expire = Date.now() + timeoutSeconds * 1000;
  appOf.set(uuid, app);
  app.send(JSON.stringify({ cmd: 'auth_wait', uuid, expire, account: message.account }));
  // The fields has-server forwards (SPEC §6), in its order; undefined ones (token, auth_key) are left out.
  const forward = {
    cmd: 'auth_req', account: message.account, data: message.data, uuid, expire,
    token: message.token, auth_key: message.auth_key,
  };
  if (cluster) {
    cluster.then(({ commands }) => commands.publish(`naive:account:${message.account}`,
      JSON.stringify({ node, forward })));
  } else {
    forwarded({ forward });
  }
}

function forwarded({ node: from, forward }) {
  const wallet = walletOf.get(forward.account);
  if (wallet) {
    if (from) {
      nodeOf.set(forward.uuid, from);
    }
    wallet.send(JSON.stringify(forward));
  }
}

function reply(message) {
  // What has-server relays (SPEC §7): never the wallet's pok.
  const answer = { cmd: message.cmd, uuid: message.uuid, data: message.data, error: message.error };
  const from = nodeOf.get(message.uuid);
  if (from) {
    nodeOf.delete(message.uuid);
    cluster.then(({ commands }) => commands.publish(`naive:node:${from}`, JSON.stringify(answer)));
  } else {
    replied(answer);
  }
}

function replied(answer) {
  const app = appOf.get(answer.uuid);
  if (app) {
    appOf.delete(answer.uuid);
    app.send(JSON.stringify(answer));
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
