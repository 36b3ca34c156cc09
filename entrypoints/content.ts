import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runContentScript, type ContentBrowser } from '../lib/content/controller';
// Manifest style sheets (the browser adds them to the page and takes them away again with Confer):
// the room for the panel in Docs' layout, and the rule that shows the dock.
import '../lib/docs/layout.css';
import '../lib/content/dock-host.css';

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
