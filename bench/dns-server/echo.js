#!/usr/bin/env node
/**
 * The same-run baseline of bench/dns-server/run.sh: the least a Node UDP server can do per query. It answers every
 * datagram with a copy that has QR set, using the same dgram options as `cdk8s-dns serve` (IP-literal lookup, a
 * send callback). What `serve` gets below this is the cost of parsing, resolving, caching and building answers;
 * this server's own ceiling is Node's per-datagram cost (libuv recvmsg/sendmsg, the 'message' event, a Buffer).
 *
 * Usage: node bench/dns-server/echo.js   (prints `echo on 127.0.0.1:<port>`)
 */
const dgram = require('dgram');

const socket = dgram.createSocket({ type: 'udp4', lookup: (host, _options, callback) => callback(null, host, 4) });
socket.on('error', () => undefined);
socket.on('message', (msg, rinfo) => {
  if (msg.length < 12) return;
  const out = Buffer.allocUnsafe(msg.length);
  msg.copy(out);
  out[2] |= 0x80;
  socket.send(out, rinfo.port, rinfo.address, () => undefined);
});
socket.bind(0, '127.0.0.1', () => {
  try {
    socket.setRecvBufferSize(4 * 1024 * 1024);
  } catch {
    // keep the default
  }
  console.log(`echo on 127.0.0.1:${socket.address().port}`);
});
