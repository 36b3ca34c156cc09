// Launching Debian's (or any installed) Chromium with the built Confer extension loaded, for the
// e2e tests, `npm start` and `npm run bench`. Playwright drives it; it never downloads a browser.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const EXTENSION_DIR = resolve(import.meta.dirname, '..', '.output', 'chrome-mv3');

/** Confer's panel frame in a Docs page. */
export const PANEL_FRAME = 'iframe[title="Confer"]';
/** The panel's heading once it shows the document's title (not "Reading the title…" while Docs loads). */
export const PANEL_TITLE = 'h1.doc-title:not(.doc-title-pending)';

/**
 * Playwright's own --disable-features list (playwright-core chromiumSwitches.ts) WITHOUT
 * ThirdPartyStoragePartitioning: with that feature disabled, IndexedDB in an extension frame
 * embedded in docs.google.com throws "The user denied permission to access the database".
 * Our flag comes after Playwright's, so Chromium uses ours.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/**
 * The first of `paths` that exists (empty ones skipped), else each of `names` looked up along
 * PATH in turn; `null` if none is found. For finding an installed browser.
 */
export function findExecutable(paths, names) {
  const candidates = [...paths];
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir) candidates.push(join(dir, name));
  }
  return candidates.find((path) => path && existsSync(path)) ?? null;
}

/** Finds a Chromium-family browser: CHROME_PATH, then the usual Linux names. */
export function findChromium() {
  const found = findExecutable([process.env.CHROME_PATH, '/usr/bin/chromium'], ['google-chrome', 'google-chrome-stable', 'chromium-browser', 'chromium']);
  if (found) return found;
  throw new Error(
    'Confer needs Chromium or Google Chrome to run, and none was found.\n' +
      '  Debian/Ubuntu: sudo apt-get install chromium\n' +
      '  macOS/Windows: install Google Chrome, then set CHROME_PATH to its executable\n' +
      '  Or point CHROME_PATH at any Chromium-based browser.',
  );
}

/**
 * Starts Chromium with the extension. `docsPort`: map docs.google.com to the local fixture on
 * that port (omit for the real Google Docs). Returns { context, extensionId, close }.
 */
export async function launchWithExtension({ docsPort, headless = true, viewport = { width: 1280, height: 800 }, userDataDir, extensionDir = EXTENSION_DIR } = {}) {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}. Run "npm run build" first.`);
  }
  const ownProfile = userDataDir === undefined;
  const profile = userDataDir ?? mkdtempSync(join(tmpdir(), 'confer-profile-'));
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  if (headless) args.push('--headless=new', '--disable-gpu');
  if (docsPort !== undefined) {
    args.push(`--host-resolver-rules=MAP docs.google.com 127.0.0.1:${docsPort}`, '--ignore-certificate-errors');
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    // Extensions need the full browser; "--headless=new" above gives it without a display.
    headless: false,
    ignoreDefaultArgs: ['--disable-extensions'],
    args,
    viewport,
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 10_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    profile,
    async close() {
      await context.close().catch(() => {});
      if (ownProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
