import { defineContentScript } from 'wxt/utils/define-content-script';
import { forwardToggleShortcut, ownExtensionId, startPageBridge } from '../lib/docs/page-bridge';
import { relayoutDocsWhenConferIsRemoved } from '../lib/docs/relayout-after-removal';

// Confer's small helper in the Docs page's own world (see lib/docs/page-bridge-protocol.ts):
// it presses Docs' comment shortcut, reads the selection through Docs' annotate API, and passes on
// the shortcut typed in the document; in Firefox it also has Docs re-centre its pages if Firefox
// takes Confer away (see relayout-after-removal.ts). Before Docs' scripts run, so Docs sees that
// Confer asked for the annotate API.
export default defineContentScript({
  matches: ['https://docs.google.com/document/*'],
  runAt: 'document_start',
  world: 'MAIN',
  main() {
    startPageBridge(window, ownExtensionId(new Error().stack));
    forwardToggleShortcut(window);
    if (import.meta.env.FIREFOX) relayoutDocsWhenConferIsRemoved(window);
  },
});
