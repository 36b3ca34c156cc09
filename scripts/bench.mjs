// `npm run bench`: how big and how fast Confer is on a Google Docs page (the local fixture), in
// real Chromium. Prints medians of 10 runs with each target beside it. This machine is noisy, so
// these are measurements to read, not pass/fail tests; the exit code is non-zero only if a
// figure misses its target, so a regression is hard to overlook.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR, launchWithExtension } from './chromium.mjs';
import { startDocsFixture } from '../tests/fixture/server.mjs';
import { DEMO_DOC_ID } from '../tests/fixture/documents.mjs';

const RUNS = 10;
const KB = 1024;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const gzipSize = (files) => files.reduce((total, file) => total + gzipSync(readFileSync(join(EXTENSION_DIR, file)), { level: 9 }).length, 0);

console.log('Building Confer…');
const build = spawnSync(process.execPath, [resolve('node_modules/wxt/bin/wxt.mjs'), 'build'], { stdio: 'ignore' });
if (build.status !== 0) throw new Error('The build failed; run "npm run build" to see why.');

// ── sizes ──────────────────────────────────────────────────────────────────────────────────────
const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
const contentFiles = manifest.content_scripts.flatMap((script) => script.js);
// The panel's JavaScript: every script panel.html loads (entry and module preloads).
const panelHtml = readFileSync(join(EXTENSION_DIR, 'panel.html'), 'utf8');
const panelFiles = [...panelHtml.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((match) => match[1]);
if (panelFiles.length === 0) throw new Error('Found no scripts in panel.html; the bench needs updating.');

// ── timings ────────────────────────────────────────────────────────────────────────────────────
const fixture = await startDocsFixture();
const browser = await launchWithExtension({ docsPort: fixture.port, viewport: { width: 1440, height: 900 } });
const url = `https://docs.google.com/document/d/${DEMO_DOC_ID}/edit`;
const contentScriptUrl = `chrome-extension://${browser.extensionId}/${contentFiles[0]}`;

/** Main-thread time spent in the content script: top-level trace slices attributed to its URL. */
function contentScriptTime(events) {
  const main = events.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain' && events.some((e) => e.pid === event.pid && e.args?.data?.url === contentScriptUrl));
  if (main === undefined) throw new Error('The trace shows no content-script work; the bench needs updating.');
  const ours = events
    .filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && typeof event.dur === 'number')
    .filter((event) => (event.args?.data?.url ?? event.args?.fileName ?? event.args?.url) === contentScriptUrl)
    .sort((a, b) => a.ts - b.ts);
  // Nested slices (a compile inside an evaluation) are counted once, by their outermost slice.
  let total = 0;
  let coveredUntil = -Infinity;
  for (const event of ours) {
    const end = event.ts + event.dur;
    if (end <= coveredUntil) continue;
    total += end - Math.max(event.ts, coveredUntil);
    coveredUntil = end;
  }
  return total / 1000;
}

async function traced(page, work) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'v8', 'v8.execute', '__metadata'], recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  await work();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return events;
}

const panelVisible = [];
const contentMainThread = [];
for (let run = 0; run < RUNS; run++) {
  const page = await browser.context.newPage();
  let frame;
  const events = await traced(page, async () => {
    await page.goto(url);
    frame = page.frames().find((f) => f.url().startsWith('chrome-extension://')) ?? (await page.waitForEvent('frameattached'));
    await frame.locator('h1').waitFor();
    await page.waitForTimeout(300); // let the observers settle into the trace
  });
  contentMainThread.push(contentScriptTime(events));
  // DOMContentLoaded of the Docs page → the panel's title painted (Element Timing, in the frame).
  const domContentLoaded = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventStart);
  const painted = await frame.evaluate(
    () =>
      new Promise((done) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntries().find((e) => e.identifier === 'document-title');
          if (entry) done(performance.timeOrigin + (entry.renderTime || entry.loadTime));
        }).observe({ type: 'element', buffered: true });
      }),
  );
  panelVisible.push(painted - domContentLoaded);
  await page.close();
}

// Collapsed → open: the teacher clicks "Open Confer"; until the next frame is painted with the
// panel in place and Docs re-laid out beside it.
const reopen = [];
{
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.frameLocator('iframe[title="Confer"]').locator('h1').waitFor();
  const toggle = page.getByRole('button', { name: /Confer$/ });
  for (let run = 0; run < RUNS; run++) {
    await page.getByRole('button', { name: 'Close Confer' }).click();
    await page.waitForTimeout(100);
    reopen.push(
      await toggle.evaluate(
        (button) =>
          new Promise((done) => {
            const start = performance.now();
            button.click();
            requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
          }),
      ),
    );
    await page.waitForTimeout(100);
  }
  await page.close();
}
await browser.close();
await fixture.close();

// ── report ─────────────────────────────────────────────────────────────────────────────────────
const rows = [
  ['content script size (gzip)', gzipSize(contentFiles) / KB, 8, 'KB'],
  ['panel JS size (gzip)', gzipSize(panelFiles) / KB, 40, 'KB'],
  [`DOMContentLoaded → panel visible (median of ${RUNS})`, median(panelVisible), 300, 'ms'],
  [`content-script main-thread time (median of ${RUNS})`, median(contentMainThread), 5, 'ms'],
  [`collapsed → open (median of ${RUNS})`, median(reopen), 100, 'ms'],
];
const format = (value, unit) => `${value.toFixed(unit === 'KB' ? 2 : 1)} ${unit}`;
console.log('\n| measure | result | target | |');
console.log('|---|---:|---:|---|');
for (const [name, value, target, unit] of rows) {
  console.log(`| ${name} | ${format(value, unit)} | ≤ ${target} ${unit} | ${value <= target ? 'ok' : 'MISSED'} |`);
}
console.log(`\nruns (ms): panel visible ${panelVisible.map((v) => v.toFixed(0)).join(', ')}`);
console.log(`           content script ${contentMainThread.map((v) => v.toFixed(2)).join(', ')}`);
console.log(`           collapsed → open ${reopen.map((v) => v.toFixed(1)).join(', ')}`);
if (rows.some(([, value, target]) => value > target)) process.exitCode = 1;
