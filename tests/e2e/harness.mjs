// Shared set-up for the end-to-end tests: the local Docs fixture served as https://docs.google.com,
// and Debian's Chromium with the built extension loaded (see scripts/chromium.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { PANEL_FRAME, PANEL_TITLE, launchWithExtension } from '../../scripts/chromium.mjs';
import { startDocsFixture } from '../fixture/server.mjs';

export { PANEL_FRAME, PANEL_TITLE };

/**
 * The canary: tests write it into the private fields (Notes, Research). Every session checks, when
 * it closes, that it never reached the Docs page (anything typed, put in a comment, or sent on
 * Confer's page bridge or by postMessage, as the fixture reports it) nor any message the
 * background sent to a content script. Private notes stay in the extension's own pages.
 */
export const CANARY = 'CANARY-private-note-4f9c1e';

/** Wraps the background's `tabs.sendMessage` so every message to a content script is kept for the check. */
async function recordMessagesToTabs(worker) {
  await worker
    .evaluate(() => {
      if (globalThis.__conferSentToTabs !== undefined) return;
      globalThis.__conferSentToTabs = [];
      for (const api of [globalThis.chrome, globalThis.browser]) {
        const tabs = api?.tabs;
        if (tabs === undefined || tabs.sendMessage.__recorded) continue;
        const original = tabs.sendMessage.bind(tabs);
        tabs.sendMessage = Object.assign((...args) => {
          globalThis.__conferSentToTabs.push(JSON.stringify(args[1]));
          return original(...args);
        }, { __recorded: true });
      }
    })
    .catch(() => {
      // A worker stopping as we look: the next one is wrapped when it starts.
    });
}

/** Starts the fixture and a browser with Confer. Call `close()` when done. */
export async function startSession({ viewport = { width: 1280, height: 800 }, userDataDir } = {}) {
  const fixture = await startDocsFixture();
  let browser;
  try {
    browser = await launchWithExtension({ docsPort: fixture.port, viewport, userDataDir });
  } catch (error) {
    await fixture.close();
    throw error;
  }
  /** Every string that reached the Docs pages, as the fixture reported it: { route, text }. */
  const seenByPage = [];
  /** Messages the background sent to content scripts (from service workers that have stopped). */
  const sentToTabs = [];
  await browser.context.exposeBinding('__conferSeenByPage', (_source, route, text) => void seenByPage.push({ route, text }));
  const workers = new Set();
  const watchWorker = (worker) => {
    workers.add(worker);
    void recordMessagesToTabs(worker);
  };
  browser.context.serviceWorkers().forEach(watchWorker);
  browser.context.on('serviceworker', watchWorker);
  const collectSentToTabs = async () => {
    for (const worker of workers) {
      const sent = await worker.evaluate(() => globalThis.__conferSentToTabs?.splice(0) ?? []).catch(() => []);
      sentToTabs.push(...sent);
    }
    return sentToTabs;
  };

  return {
    fixture,
    browser,
    /** What reached the Docs pages so far (see CANARY). */
    seenByPage: () => [...seenByPage],
    /** What the background has sent to content scripts so far (see CANARY). */
    sentToTabs: () => collectSentToTabs().then((sent) => [...sent]),
    context: browser.context,
    extensionId: browser.extensionId,
    docUrl: (docId, rest = '/edit') => `https://docs.google.com/document/d/${docId}${rest}`,
    /** Opens a new tab on `url` and waits for the page (not the panel) to load. */
    async open(url) {
      const page = await browser.context.newPage();
      await page.goto(url);
      return page;
    },
    async close() {
      const sent = await collectSentToTabs();
      await browser.close();
      await fixture.close();
      const leaks = [...seenByPage.filter(({ text }) => text.includes(CANARY)).map(({ route }) => `the page (${route})`), ...sent.filter((message) => message.includes(CANARY)).map(() => 'a message to the content script')];
      if (leaks.length > 0) throw new Error(`A private note reached ${[...new Set(leaks)].join(', ')}.`);
    },
  };
}

/**
 * File > Download, as Docs does it: a link to the document's export, a navigation that turns into
 * a download and never leaves the page. Returns Playwright's download.
 */
export async function downloadDocument(page, docId) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate((id) => {
      const link = document.createElement('a');
      link.href = `/document/d/${id}/export?format=txt`;
      document.body.append(link);
      link.click();
      link.remove();
    }, docId),
  ]);
  return download;
}

/**
 * One browser profile for every test in the file, kept on disk so it outlives a restart: the
 * session starts before the tests, and the profile is removed after them. `restart()` quits the
 * browser and opens it again on the same profile, as a teacher closing and reopening Chrome.
 */
export function useProfileSession(name) {
  const profile = mkdtempSync(join(tmpdir(), `confer-${name}-profile-`));
  const shared = {
    session: null,
    async restart() {
      await shared.session.close();
      shared.session = await startSession({ userDataDir: profile });
    },
  };
  before(async () => {
    shared.session = await startSession({ userDataDir: profile });
  });
  after(async () => {
    await shared.session?.close();
    rmSync(profile, { recursive: true, force: true });
  });
  return shared;
}

/** The panel's frame as Playwright sees it (the page itself cannot reach inside). */
export const panelOf = (page) => page.frameLocator(PANEL_FRAME);

/** Waits until the panel shows a document title, and returns that title. */
export async function panelTitle(page, timeout = 5_000) {
  const heading = panelOf(page).locator(PANEL_TITLE);
  await heading.waitFor({ timeout });
  return heading.textContent();
}

/** Rectangles of the dock and of every part of Docs that must stay clear of it. */
export async function layoutRects(page) {
  return page.evaluate(() => {
    const rect = (element) => {
      if (element === null) return null;
      const { left, right, top, bottom, width } = element.getBoundingClientRect();
      return { left, right, top, bottom, width };
    };
    return {
      windowWidth: window.innerWidth,
      dock: rect(document.querySelector('confer-dock')),
      docs: {
        chrome: rect(document.querySelector('#docs-chrome')),
        titleBar: rect(document.querySelector('#docs-titlebar-container')),
        toolbar: rect(document.querySelector('#docs-toolbar')),
        editor: rect(document.querySelector('#docs-editor')),
        page: rect(document.querySelector('.kix-page-paginated')),
        commentMargin: rect(document.querySelector('.docos-stream-view')),
        companionRail: rect(document.querySelector('.docs-companion-app-switcher-container')),
        addCommentButton: rect(document.querySelector('#insertCommentButton')),
      },
    };
  });
}

/** Names of the Docs parts that reach under the dock (empty when nothing overlaps). */
export function overlapping(rects) {
  const dockLeft = rects.dock.left;
  return Object.entries(rects.docs)
    .filter(([, rect]) => rect !== null && rect.width > 0 && rect.right > dockLeft + 0.5)
    .map(([name, rect]) => `${name} (right edge ${Math.round(rect.right)} > panel at ${Math.round(dockLeft)})`);
}

/** Waits for Docs' re-layout after something changed (two animation frames). */
export function settle(page) {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** State of the dock's own controls (they live in its open shadow root). */
export async function dockState(page) {
  return page.evaluate(() => {
    const host = document.querySelector('confer-dock');
    if (host === null) return null;
    const toggle = host.shadowRoot.querySelector('button');
    const frame = host.shadowRoot.querySelector('iframe');
    return {
      width: host.getBoundingClientRect().width,
      toggleName: toggle.getAttribute('aria-label'),
      expanded: toggle.getAttribute('aria-expanded'),
      frameVisible: !frame.hidden && frame.getBoundingClientRect().width > 0,
    };
  });
}

/** Runs `fn(id)` in chrome://extensions, which may manage extensions (as a teacher would there). */
export async function onExtensionsPage(session, fn) {
  const page = await session.context.newPage();
  await page.goto('chrome://extensions');
  try {
    return await page.evaluate(fn, session.extensionId);
  } finally {
    await page.close();
  }
}
