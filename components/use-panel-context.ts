import { useLayoutEffect, useState } from 'preact/hooks';
import type { Browser } from 'webextension-polyfill';
import { isBackgroundToPanel, type PanelContext, type PanelToBackground } from '../lib/messages';

export type PanelContextState =
  | { status: 'loading' }
  | { status: 'ready'; context: PanelContext }
  /** The background did not answer: the panel cannot know which document it is beside. */
  | { status: 'unreachable' };

function isPanelContext(value: unknown): value is PanelContext {
  return typeof value === 'object' && value !== null && typeof (value as PanelContext).tabId === 'number';
}

/**
 * Which document this panel sits beside, from the background (which reads the browser's own record
 * of the tab's URL). Nothing the host page says — no `postMessage` — is ever consulted.
 */
export function usePanelContext(browser: Browser): PanelContextState {
  const [state, setState] = useState<PanelContextState>({ status: 'loading' });

  // Asked as soon as the panel is in the page (a layout effect), not a frame later.
  useLayoutEffect(() => {
    let tabId: number | null = null;
    let live = true;
    const onMessage = (message: unknown): undefined => {
      if (!isBackgroundToPanel(message) || message.context.tabId !== tabId) return undefined;
      setState({ status: 'ready', context: message.context });
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    const ask: PanelToBackground = { type: 'confer:get-context' };
    browser.runtime.sendMessage(ask).then(
      (reply: unknown) => {
        if (!live) return;
        if (!isPanelContext(reply)) return setState({ status: 'unreachable' });
        tabId = reply.tabId;
        setState({ status: 'ready', context: reply });
      },
      () => live && setState({ status: 'unreachable' }),
    );
    return () => {
      live = false;
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [browser]);

  return state;
}
