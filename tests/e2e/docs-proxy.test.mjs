// The proxy the Firefox tests reach docs.google.com through (scripts/firefox.mjs): it tunnels only
// that host to the fixture, and closing it ends every tunnel, even one whose browser end is still
// open, so a test file never waits for ever after its last test.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import tls from 'node:tls';
import { startDocsFixture } from '../fixture/server.mjs';
import { startDocsProxy } from '../../scripts/firefox.mjs';

let fixture;
before(async () => {
  fixture = await startDocsFixture();
});
after(async () => {
  await fixture?.close();
});

/** Sends a CONNECT for `host` through the proxy; resolves to the socket and the proxy's status line. */
async function tunnel(proxy, host) {
  const socket = connect(proxy.port, '127.0.0.1');
  socket.write(`CONNECT ${host} HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
  const answer = await new Promise((resolve) => socket.once('data', resolve));
  return { socket, status: answer.toString('latin1').split('\r\n')[0] };
}

test('tunnels docs.google.com:443 to the fixture and refuses any other host', async () => {
  const proxy = await startDocsProxy(fixture.port);
  const other = await tunnel(proxy, 'example.com:443');
  assert.equal(other.status, 'HTTP/1.1 403 Forbidden');
  other.socket.destroy();
  const docs = await tunnel(proxy, 'docs.google.com:443');
  assert.equal(docs.status, 'HTTP/1.1 200 Connection Established');
  const secure = tls.connect({ socket: docs.socket, servername: 'docs.google.com', rejectUnauthorized: false });
  await new Promise((resolve) => secure.once('secureConnect', resolve));
  secure.write('GET /document/u/0/ HTTP/1.1\r\nHost: docs.google.com\r\nConnection: close\r\n\r\n');
  const reply = await new Promise((resolve) => secure.once('data', resolve));
  assert.match(reply.toString(), /^HTTP\/1\.1 200/);
  secure.destroy();
  await proxy.close();
});

test('closes while a tunnel is still open at the browser end, ending that tunnel', async () => {
  const proxy = await startDocsProxy(fixture.port);
  const { socket } = await tunnel(proxy, 'docs.google.com:443');
  const ended = new Promise((resolve) => socket.once('close', resolve));
  const closed = await Promise.race([proxy.close().then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open after 5 s'), 5000))]);
  assert.equal(closed, 'closed');
  await ended;
});
