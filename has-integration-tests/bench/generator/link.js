'use strict';
// One peer's WebSocket to the relay, made as cheap to drive as ws allows: each frame parsed once, and what one read
// makes the peer send leaves in one write.
const WebSocket = require('ws');

// A frame the generator made, sent as text whether it is a string or a Buffer of UTF-8.
const TEXT = { binary: false };

class Link {
  /**
   * Connects to `uri`; `onMessage(message)` gets each frame's JSON, `onOpen()` runs once connected.
   * @param counts the peer's PeerCounts: unparsable frames, failed sends and a close by the relay go there
   */
  constructor(uri, counts, onOpen, onMessage) {
    this.counts = counts;
    this.closing = false;
    this.corked = false;
    this.uncork = () => {
      this.corked = false;
      this.ws._socket.uncork();
    };
    // permessage-deflate off (has-server does not offer it; ws offers it by default); UTF-8 not validated, the frames
    // are parsed as JSON anyway. Masks stay random, as a real client's: ws's server skips unmasking a frame with a
    // zero mask while has-server unmasks every frame, so a zero mask would favour one relay.
    this.ws = new WebSocket(uri, { perMessageDeflate: false, skipUTF8Validation: true });
    this.ws.on('open', onOpen);
    this.ws.on('message', (bytes) => {
      let message;
      try {
        message = JSON.parse(bytes);
      } catch {
        counts.unexpectedFrame(`not JSON: ${bytes}`);
        return;
      }
      onMessage(message);
    });
    this.ws.on('error', (error) => counts.sendFailure(error.message));
    this.ws.on('close', (code, reason) => {
      if (!this.closing) {
        counts.closed(code, reason.toString());
      }
    });
  }

  /**
   * Sends a text frame (a string, or a Buffer of UTF-8 made once). The socket is corked until the current read's
   * frames are handled (process.nextTick runs after the 'message' handlers of one read), so the frames they make
   * leave in one write instead of one write each: the generator's syscalls are the CPU this saves.
   */
  send(frame) {
    if (this.ws.readyState !== WebSocket.OPEN) {
      this.counts.sendFailure(`socket ${this.ws.readyState === WebSocket.CONNECTING ? 'not open yet' : 'closed'}`);
      return;
    }
    if (!this.corked) {
      this.corked = true;
      // ws keeps its net.Socket in _socket (ws is pinned by the lock file); its own cork per frame nests inside.
      this.ws._socket.cork();
      process.nextTick(this.uncork);
    }
    this.ws.send(frame, TEXT);
  }

  /** Closes the socket; `then` runs once it is closed (or after a second, whichever comes first). */
  close(then) {
    this.closing = true;
    const timer = setTimeout(then, 1000);
    this.ws.once('close', () => {
      clearTimeout(timer);
      then();
    });
    this.ws.close(1000, 'done');
  }
}

module.exports = { Link };
