// Launching an installed Firefox with the built Firefox extension, for the Firefox end-to-end test.
// puppeteer-core drives it over WebDriver BiDi (Firefox's own remote protocol); it never downloads
// a browser. Firefox has no --host-resolver-rules, so docs.google.com reaches the local fixture
// through a small proxy that forwards only that host.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findExecutable } from './chromium.mjs';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '..', '.output', 'firefox-mv3');

/** An installed Firefox: FIREFOX_PATH, then the usual Linux names. `null` when there is none. */
export function findFirefox() {
  return findExecutable([process.env.FIREFOX_PATH], ['firefox-esr', 'firefox']);
}

/**
 * An HTTPS proxy that tunnels docs.google.com:443 to the fixture on `docsPort` and refuses every
 * other host, so the browser under test reaches nothing else. Resolves to { port, close }.
 */
export async function startDocsProxy(docsPort) {
  const proxy = createServer((_request, response) => response.writeHead(403).end());
  /**
   * The open tunnels' sockets, both ends. `proxy.close()` waits for every socket it accepted, and a
   * tunnel can still be open at the browser's end when the tests are done with the browser: so
   * closing destroys them, or a test file could wait for ever after its last test.
   */
  const tunnelSockets = new Set();
  const track = (socket) => {
    tunnelSockets.add(socket);
    socket.on('close', () => tunnelSockets.delete(socket));
  };
  proxy.on('connect', (request, client) => {
    if (request.url !== 'docs.google.com:443') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    track(client);
    const fixture = connect(docsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      fixture.pipe(client);
      client.pipe(fixture);
    });
    track(fixture);
    fixture.on('error', () => client.destroy());
    client.on('error', () => fixture.destroy());
  });
  await new Promise((listening) => proxy.listen(0, '127.0.0.1', listening));
  return {
    port: proxy.address().port,
    close: () =>
      new Promise((closed) => {
        proxy.close(closed);
        proxy.closeAllConnections();
        for (const socket of tunnelSockets) socket.destroy();
      }),
  };
}

/**
 * Starts headless Firefox with the fixture as docs.google.com. `install()` adds Confer as a
 * temporary add-on (as about:debugging's "Load Temporary Add-on" does) and resolves to its id;
 * `uninstall(id)` removes it. With `downloadDir`, files the pages download are saved there without
 * a dialog. Returns { browser, install, uninstall, close }.
 */
export async function launchFirefoxWithExtension({ executablePath, docsPort, viewport = { width: 1280, height: 800 }, extensionDir = FIREFOX_EXTENSION_DIR, downloadDir }) {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${extensionDir}. Run "npm run build:firefox" first.`);
  }
  const proxy = await startDocsProxy(docsPort);
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      defaultViewport: viewport,
      // The fixture's certificate is self-signed for docs.google.com.
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        ...(downloadDir === undefined
          ? {}
          : { 'browser.download.folderList': 2, 'browser.download.dir': downloadDir, 'browser.download.useDownloadDir': true, 'browser.download.always_ask_before_handling_new_types': false }),
      },
    });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  return {
    browser,
    install: () => browser.installExtension(extensionDir),
    uninstall: (addonId) => browser.uninstallExtension(addonId),
    async close() {
      await browser.close();
      await proxy.close();
    },
  };
}
