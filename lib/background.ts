/**
 * The background's routing: it is the only party that knows, from the browser itself, which tab
 * (and so which document) each panel sits beside.
 */
import type { Browser, Runtime, Tabs } from 'webextension-polyfill';
import { parseDocUrl } from './doc-ref';
import { createOpeningViews } from './opening-views';
import { guessStudentName } from './student-name';
import { toggleShortcutLabel } from './shortcut';
import {
  isPanelToBackground,
  parseCommentOutcome,
  parseContentMessage,
  parsePageReport,
  type BackgroundToContent,
  type BackgroundToPanel,
  type CommentOutcome,
  type PageReport,
  type PanelContext,
} from './messages';

const TOP_FRAME = 0;

/** The page report used when the content script cannot be asked (not injected, or gone). */
const UNREPORTED: PageReport = { title: null, problems: [] };

/**
 * The toolbar button's tooltip. It works only beside a document; everywhere else it is greyed out
 * (from the manifest's `default_state`, before this worker first runs) and says where Confer works,
 * rather than doing nothing when clicked. A Docs tab that was open before Confer was installed or
 * updated has no content script until it is reloaded, so its button stays greyed too.
 */
export const ACTION_TITLE = {
  onDocument: `Open or close Confer (${toggleShortcutLabel()})`,
  elsewhere: 'Confer opens beside a Google Docs document. A Docs tab that was open before Confer was installed or updated needs reloading first.',
} as const;

/** `pending`: the page's report is still to come (see PanelContext). */
export function contextFor(tab: Tabs.Tab, { title, problems, titlePending }: PageReport, pending = false): PanelContext {
  return { tabId: tab.id ?? -1, doc: parseDocUrl(tab.url), title, problems, pending: pending || titlePending === true };
}

/** True when a message comes from this extension's own content script in a tab's top frame. */
function isOwnTopFrame(sender: Runtime.MessageSender, extensionId: string): sender is Runtime.MessageSender & { tab: Tabs.Tab } {
  return sender.id === extensionId && sender.tab?.id !== undefined && sender.frameId === TOP_FRAME;
}

/** True when a message comes from one of this extension's own pages (the panel). */
function isOwnPage(sender: Runtime.MessageSender, browser: Browser): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

export async function askContentScript(browser: Browser, tabId: number, message: BackgroundToContent): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, message, { frameId: TOP_FRAME });
}

/**
 * How long a panel's "what do I show first?" may wait for the background's read (opening-views.ts).
 * The panel reads for itself meanwhile, and shows whichever comes first.
 */
const OPENING_WAIT_MS = 250;

/** Wires the background's listeners. Returns a function that removes them (for tests). */
export function startBackground(browser: Browser): () => void {
  const openingViews = createOpeningViews();
  /**
   * The latest report from each tab's content script, with the URL it was about, so a panel that
   * has just loaded is answered at once instead of waiting for one more round trip. Kept in memory
   * only: after the service worker restarts, the content script is asked again.
   */
  const latestReports = new Map<number, { url: string | undefined; report: PageReport }>();

  const action = browser.action ?? browser.browserAction;
  /** The button in one tab: usable beside a document (the content script has reported one), greyed elsewhere. */
  const showButton = (tabId: number, onDocument: boolean): void => {
    Promise.all([
      onDocument ? action.enable(tabId) : action.disable(tabId),
      action.setTitle({ tabId, title: onDocument ? ACTION_TITLE.onDocument : ACTION_TITLE.elsewhere }),
    ]).catch(() => {
      // The tab closed meanwhile.
    });
  };

  const onMessage = (message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined => {
    // A panel asking which document it sits beside: answered from the browser's view of the tab.
    if (isPanelToBackground(message)) {
      if (!isOwnPage(sender, browser) || sender.tab?.id === undefined) return undefined;
      const tab = sender.tab;
      if (message.type === 'confer:close-panel') {
        return askContentScript(browser, tab.id!, { type: 'confer:close-panel' }).then(
          () => undefined,
          () => undefined,
        );
      }
      if (message.type === 'confer:open-notebook-page') return browser.runtime.openOptionsPage();
      if (message.type === 'confer:get-opening') {
        // Only in this answer, which goes to this panel alone: never in the updates, which Firefox
        // also hands the content script.
        const doc = parseDocUrl(tab.url);
        if (doc === null) return Promise.resolve({ opening: null });
        const latest = latestReports.get(tab.id!);
        const suggestedName = latest !== undefined && latest.url === tab.url ? guessStudentName(latest.report.title) : null;
        return openingViews.take(tab.id!, doc.docId, suggestedName, OPENING_WAIT_MS).then((opening) => ({ opening }));
      }
      if (message.type === 'confer:post-comment') {
        // Only to this panel's own tab, and only the text the teacher chose to post, for the
        // document the panel is beside: if the tab has moved to another one, that is not it.
        if (parseDocUrl(tab.url)?.docId !== message.docId) return Promise.resolve<CommentOutcome>({ status: 'moved-away' });
        const unreachable: CommentOutcome = { status: 'unreachable' };
        return askContentScript(browser, tab.id!, { type: 'confer:post-comment', text: message.text, docId: message.docId }).then(
          (reply) => parseCommentOutcome(reply) ?? unreachable,
          () => unreachable,
        );
      }
      const latest = latestReports.get(tab.id!);
      if (latest !== undefined && latest.url === tab.url) return Promise.resolve(contextFor(tab, latest.report));
      // No report yet: the panel is told at once which document it is beside (from the tab's URL),
      // and opens the notebook while the page is asked. The content script answers once Docs' page
      // is parsed, which on a heavy document is long after the panel is ready; its report then
      // reaches the panel as an update, as any later change does.
      askContentScript(browser, tab.id!, { type: 'confer:report-page' })
        .then((reply) => parsePageReport(reply) ?? UNREPORTED, () => UNREPORTED)
        .then((report) => tellPanels(tab, report));
      return Promise.resolve(contextFor(tab, UNREPORTED, true));
    }
    // The content script saying the page changed: tell the panels, which keep their own tab's.
    const fromPage = parseContentMessage(message);
    if (fromPage !== null) {
      if (!isOwnTopFrame(sender, browser.runtime.id)) return undefined;
      const { type: _type, ...report } = fromPage;
      latestReports.set(sender.tab.id!, { url: sender.tab.url, report });
      const doc = parseDocUrl(sender.tab.url);
      showButton(sender.tab.id!, doc !== null);
      // Its panel is loading: read what it will show first, so it need not wait for its own reads.
      if (doc !== null) openingViews.prepare(sender.tab.id!, doc.docId, guessStudentName(report.title));
      return tellPanels(sender.tab, report);
    }
    return undefined;
  };

  /** Tells the panels what the page in `tab` now shows; each keeps only its own tab's. */
  const tellPanels = (tab: Tabs.Tab, report: PageReport): Promise<undefined> => {
    const update: BackgroundToPanel = { type: 'confer:context-changed', context: contextFor(tab, report) };
    // Where the panels hear it: in Chrome, extension pages (the panels framed in Docs tabs too)
    // hear runtime messages. In Firefox an extension page framed in a web page hears only what is
    // sent to its tab, as a content script does (https://github.com/w3c/webextensions/issues/35),
    // so this tab is sent it too; its content script ignores it. No panel open yet is not an
    // error: it will ask when it loads.
    return Promise.allSettled([browser.runtime.sendMessage(update), browser.tabs.sendMessage(tab.id!, update)]).then(() => undefined);
  };

  const toggle = (tab: Tabs.Tab | undefined): void => {
    if (tab?.id === undefined) return;
    // Not a Google Docs document (no content script there): there is no panel to toggle.
    askContentScript(browser, tab.id, { type: 'confer:toggle-panel' }).catch(() => {
      console.info('Confer: the panel opens on Google Docs documents only.');
    });
  };
  const onCommand = (command: string, tab?: Tabs.Tab): void => {
    if (command === 'toggle-panel') toggle(tab);
  };
  const forgetTab = (tabId: number): void => {
    latestReports.delete(tabId);
    openingViews.forget(tabId);
  };
  // A page loading in the tab (a reload, too) will send its own report once parsed; until then a
  // panel that asks is answered by the content script itself, not from the previous page.
  // The button is greyed too, since no content script may run on the next page to say so (Confer
  // isn't shown tabs' addresses); a document's page turns it back on as it reports in.
  const onTabUpdated = (tabId: number, change: Tabs.OnUpdatedChangeInfoType): void => {
    if (change.status !== 'loading') return;
    forgetTab(tabId);
    showButton(tabId, false);
  };

  // Greyed wherever no document has said otherwise (Firefox has no manifest `default_state`).
  action.disable().catch(() => {});
  browser.runtime.onMessage.addListener(onMessage);
  browser.tabs.onRemoved.addListener(forgetTab);
  browser.tabs.onUpdated.addListener(onTabUpdated);
  browser.commands.onCommand.addListener(onCommand);
  action.onClicked.addListener(toggle);
  return () => {
    browser.runtime.onMessage.removeListener(onMessage);
    browser.tabs.onRemoved.removeListener(forgetTab);
    browser.tabs.onUpdated.removeListener(onTabUpdated);
    browser.commands.onCommand.removeListener(onCommand);
    action.onClicked.removeListener(toggle);
    openingViews.dispose();
  };
}
