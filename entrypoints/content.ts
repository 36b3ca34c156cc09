import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runContentScript, type ContentBrowser } from '../lib/content/controller';

// Documents only: the Docs home, Sheets and Slides never load Confer's code.
export default defineContentScript({
  matches: ['https://docs.google.com/document/*'],
  // Before Docs' page is parsed, so the panel loads while Docs does and is ready when Docs is.
  runAt: 'document_start',
  main(ctx) {
    // The browser's own API (see ContentBrowser for why not the polyfill here).
    void runContentScript(ctx, browser as unknown as ContentBrowser, window);
  },
});
