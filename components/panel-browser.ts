import type { MessageSender, PanelToBackground } from '../lib/messages';

/**
 * The few extension APIs the panel uses. Like the content script (see ContentBrowser in
 * lib/content/controller.ts), the panel uses the browser's own `browser`/`chrome` (via WXT) rather
 * than bundling webextension-polyfill (3 KB gzipped of its 40 KB budget): in Manifest V3 these
 * return promises in every browser, and the panel never answers a message, so the polyfill's
 * promise-returning listeners are not needed here. (The background, which answers, keeps it.)
 */
export interface PanelBrowser {
  runtime: {
    readonly id: string;
    sendMessage(message: PanelToBackground): Promise<unknown>;
    onMessage: {
      addListener(listener: PanelMessageListener): void;
      removeListener(listener: PanelMessageListener): void;
    };
  };
}

/** Hears the background's broadcasts; answers nothing. */
export type PanelMessageListener = (message: unknown, sender: MessageSender) => undefined;
