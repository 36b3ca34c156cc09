import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { ACTION_TITLE } from './lib/background';

/**
 * The whole manifest lives here. Every permission is one a reviewer of school software should
 * be able to justify in a sentence:
 * - `storage`: the dock's width/open state (browser.storage.local) and the conference notebook.
 * - `unlimitedStorage`: a term of conference notes must never be evicted for quota.
 * The content script matches Google Docs documents only; nothing else on the web is touched.
 */
export default defineConfig({
  // Explicit imports only: a reader should see where every name comes from.
  imports: false,
  // Manifest V3 everywhere: Firefox's MV3 lets web-accessible resources be limited to Docs.
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    // No module-preload polyfill: it is a fetch() we don't need (every supported browser preloads).
    build: { target: 'es2022', modulePreload: { polyfill: false } },
  }),
  manifest: ({ browser }) => ({
    name: 'Confer — writing conferences in Google Docs',
    short_name: 'Confer',
    description:
      'Keep writing-conference records beside each student’s Google Doc. Notes stay on this computer; nothing is sent anywhere.',
    permissions: ['storage', 'unlimitedStorage'],
    // Greyed until a document's content script reports in (lib/background.ts); Chrome only, as
    // Firefox has no `default_state` (the background greys it there as it starts).
    action: { default_title: ACTION_TITLE.elsewhere, ...(browser === 'chrome' ? { default_state: 'disabled' } : {}) },
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: 'Open or close the Confer panel',
      },
    },
    // Extension pages: only our own scripts and styles, no network at all, and the panel may only
    // be framed by Google Docs.
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    web_accessible_resources: [
      {
        // The panel, and the comment poster the content script loads on the first comment.
        resources: ['panel.html', 'chunks/*', 'assets/*', 'comment-poster.js'],
        matches: ['https://docs.google.com/*'],
        // Chrome: the panel's URL changes every session so pages cannot use it to fingerprint
        // the teacher. (Firefox has no such key; its extension URLs are random per install.)
        ...(browser === 'chrome' ? { use_dynamic_url: true } : {}),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'confer@confer.invalid',
              strict_min_version: '128.0',
              // Firefox's declaration that the extension collects and transmits no data.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});

/** A strict policy for every extension page (panel, background). `connect-src 'none'`: no fetch, ever. */
export const EXTENSION_PAGES_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors https://docs.google.com',
].join('; ');
