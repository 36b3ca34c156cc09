// `npm start`: build Confer and open Chromium with it loaded on the built-in demo document
// (a local page imitating Google Docs, served as https://docs.google.com so it works offline).
//   npm start -- --live              the real https://docs.google.com instead
//   npm start -- --screenshot a.png  headless: write a screenshot of the demo doc with the panel
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PANEL_TITLE, findChromium, launchWithExtension } from './chromium.mjs';

const USAGE = `Usage: npm start [-- --live] [-- --screenshot FILE.png]
  (no options)        open the demo document with Confer beside it
  --live              open the real Google Docs (sign in as usual)
  --screenshot FILE   headless: save a screenshot of the demo document with the panel, then exit`;

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

let options;
try {
  options = parseArgs({
    options: { live: { type: 'boolean', default: false }, screenshot: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }).values;
} catch (error) {
  fail(`${error.message}\n\n${USAGE}`);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options.live && options.screenshot) fail('Choose one: --live opens the real Google Docs; --screenshot uses the demo document.');
if (options.screenshot !== undefined && !/\.png$/i.test(options.screenshot)) fail('The screenshot file name must end in .png.');

try {
  findChromium();
} catch (error) {
  fail(error.message);
}
const headless = options.screenshot !== undefined;
if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fail('There is no display to open a browser window on.\nTry: npm start -- --screenshot shot.png   (works without a display)');
}

console.log('Building Confer…');
const build = spawnSync(process.execPath, [resolve('node_modules/wxt/bin/wxt.mjs'), 'build'], { stdio: 'inherit' });
if (build.status !== 0) fail('The build failed (see above).');

let fixture;
let startUrl = 'https://docs.google.com/document/u/0/';
if (!options.live) {
  const { startDocsFixture } = await import('../tests/fixture/server.mjs');
  const { DEMO_DOC_ID } = await import('../tests/fixture/documents.mjs');
  fixture = await startDocsFixture();
  startUrl = `https://docs.google.com/document/d/${DEMO_DOC_ID}/edit`;
}

const browser = await launchWithExtension({
  docsPort: fixture?.port,
  headless,
  viewport: headless ? { width: 1440, height: 900 } : null,
});
const shutdown = async () => {
  await browser.close();
  await fixture?.close();
};
process.on('SIGINT', () => void shutdown().then(() => process.exit(130)));

try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(startUrl);
  if (headless) {
    const panel = page.frameLocator('iframe[title="Confer"]');
    await panel.locator(PANEL_TITLE).waitFor({ timeout: 10_000 });
    // Let Docs finish its re-layout and the panel its first paint.
    await page.waitForTimeout(300);
    await page.screenshot({ path: options.screenshot });
    console.log(`Saved ${resolve(options.screenshot)}`);
    await shutdown();
  } else {
    console.log(options.live ? 'Opened Google Docs with Confer loaded. Close the browser to stop.' : 'Opened the demo document with Confer beside it. Close the browser to stop.');
    await new Promise((done) => browser.context.once('close', done));
    await fixture?.close();
  }
} catch (error) {
  await shutdown();
  fail(`Could not show Confer: ${error.message}`);
}
