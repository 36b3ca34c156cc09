// Shared set-up for the end-to-end tests: the local Docs fixture served as https://docs.google.com,
// and Debian's Chromium with the built extension loaded (see scripts/chromium.mjs).
import { launchWithExtension } from '../../scripts/chromium.mjs';
import { startDocsFixture } from '../fixture/server.mjs';

export const PANEL_FRAME = 'iframe[title="Confer"]';

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
  return {
    fixture,
    browser,
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
      await browser.close();
      await fixture.close();
    },
  };
}

/** The panel's frame as Playwright sees it (the page itself cannot reach inside). */
export const panelOf = (page) => page.frameLocator(PANEL_FRAME);

/** Waits until the panel shows a document title, and returns that title. */
export async function panelTitle(page, timeout = 5_000) {
  const heading = panelOf(page).locator('h1');
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
