import { defineContentScript } from 'wxt/utils/define-content-script';
import { ownExtensionId, startPageBridge } from '../lib/docs/page-bridge';

// Confer's small helper in the Docs page's own world (see lib/docs/page-bridge-protocol.ts):
// it presses Docs' comment shortcut and reads the selection through Docs' annotate API. Before
// Docs' scripts run, so Docs sees that Confer asked for the annotate API.
export default defineContentScript({
  matches: ['https://docs.google.com/document/*'],
  runAt: 'document_start',
  world: 'MAIN',
  main() {
    startPageBridge(window, ownExtensionId(new Error().stack));
  },
});
