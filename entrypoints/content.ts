import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runContentScript, type ContentBrowser } from '../lib/content/controller';

// Documents only: the Docs home, Sheets and Slides never load Confer's code.
export default defineContentScript({
  matches: ['https://docs.google.com/document/*'],
  // As soon as the DOM is parsed: the panel should be there by the time the teacher looks.
  runAt: 'document_end',
  main(ctx) {
    // The browser's own API (see ContentBrowser for why not the polyfill here).
    void runContentScript(ctx, browser as unknown as ContentBrowser, window);
  },
});
