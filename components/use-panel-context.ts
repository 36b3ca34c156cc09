import { useLayoutEffect, useState } from 'preact/hooks';
import type { PanelBrowser } from './panel-browser';
import { parseBackgroundToPanel, parseOpeningView, parsePanelContext, type MessageSender, type PanelContext, type PanelToBackground } from '../lib/messages';
import type { OpeningView } from '../lib/notebook/notebook';

export type PanelContextState =
  | { status: 'loading' }
  /** `opening`: what the background read ahead for this panel's document, once it has said (opening-views.ts). */
  | { status: 'ready'; context: PanelContext; opening: OpeningView | null }
  /** The background did not answer: the panel cannot know which document it is beside. */
  | { status: 'unreachable' };

/**
 * Which document this panel sits beside, from the background (which reads the browser's own record
 * of the tab's URL). Nothing the host page says — no `postMessage` — is ever consulted.
 *
 * It also asks, at the same time, for what the background has read ahead for the document (History
 * and the draft), which the panel shows until its own reads arrive.
 */
export function usePanelContext(browser: PanelBrowser): PanelContextState {
  const [state, setState] = useState<PanelContextState>({ status: 'loading' });

  // Asked as soon as the panel is in the page (a layout effect), not a frame later.
  useLayoutEffect(() => {
    let tabId: number | null = null;
    let live = true;
    /** The background's answer about what to show first; `undefined` until it has answered. */
    let openingReply: unknown;
    const openingFor = (context: PanelContext): OpeningView | null => (context.doc === null ? null : parseOpeningView(openingReply, context.doc.docId));
    // Changes heard before the answer, the latest for each tab: the background may tell every
    // panel of a change (a rename as Docs finishes loading) before this panel's answer arrives,
    // and that change is then at least as new as the answer.
    const heardEarly = new Map<number, PanelContext>();
    const onMessage = (message: unknown, sender: MessageSender): undefined => {
      const update = parseBackgroundToPanel(message, sender, browser.runtime.id);
      if (update === null) return undefined;
      if (tabId === null) heardEarly.set(update.context.tabId, update.context);
      else if (update.context.tabId === tabId) setState((old) => ({ status: 'ready', context: update.context, opening: old.status === 'ready' ? old.opening : null }));
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    const ask: PanelToBackground = { type: 'confer:get-context' };
    browser.runtime.sendMessage(ask).then(
      (reply: unknown) => {
        if (!live) return;
        // Only extension pages hear a panel's runtime message, so only the background answers;
        // its answer is still checked like any message.
        const context = parsePanelContext(reply);
        if (context === null) return setState({ status: 'unreachable' });
        tabId = context.tabId;
        setState({ status: 'ready', context: heardEarly.get(tabId) ?? context, opening: openingFor(context) });
        heardEarly.clear();
      },
      () => live && setState({ status: 'unreachable' }),
    );
    const askOpening: PanelToBackground = { type: 'confer:get-opening' };
    browser.runtime.sendMessage(askOpening).then(
      (reply: unknown) => {
        if (!live) return;
        openingReply = reply;
        setState((old) => (old.status === 'ready' ? { ...old, opening: openingFor(old.context) } : old));
      },
      // The panel reads everything itself in any case.
      () => undefined,
    );
    return () => {
      live = false;
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [browser]);

  return state;
}
