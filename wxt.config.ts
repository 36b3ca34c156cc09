import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
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
    plugins: [preact(), compileEagerly(EAGERLY_COMPILED), startQuietly()],
    // No module-preload polyfill: it is a fetch() we don't need (every supported browser preloads).
    build: { target: 'es2022', modulePreload: { polyfill: false } },
  }),
  hooks: {
    // Minified with terser rather than esbuild: smaller gzipped, in budgets that had bytes to
    // spare, not kilobytes. The content scripts (8 KB budget) with two compress passes: about
    // 460 bytes smaller. The panel (40 KB budget), and the rest, without inlining functions into
    // their callers or joining statements into sequences: 1.08 KB smaller (40,955 → 39,871
    // bytes). Terser's full compression made it 0.7 KB smaller but slower to become usable in each
    // of five A/B pairs of 10 loads (by 2-20 ms, against a 100 ms target); with these options,
    // five pairs gave medians of 61-79 ms against esbuild's 58-76 ms, faster in two and slower in
    // three. A second compress pass for the panel saved only 66 bytes and was slower in 3 of 3
    // pairs (by 4-8 ms). No Safari build, so none of terser's Safari 10 workarounds.
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      const contentScripts = entrypoints.every((entrypoint) => entrypoint.type === 'content-script');
      viteConfig.build = {
        ...viteConfig.build,
        minify: 'terser',
        terserOptions: {
          ecma: 2020,
          safari10: false,
          compress: contentScripts ? { passes: 2 } : { inline: false, reduce_funcs: false, sequences: false },
        },
      };
    },
  },
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
        // Not Option+Shift+C on a Mac, which types "Ç" (see lib/shortcut.ts).
        suggested_key: { default: 'Alt+Shift+C', mac: 'MacCtrl+Shift+C' },
        description: 'Open or close the Confer panel',
      },
    },
    // The notebook page (back up, restore, CSV, delete every note) is Confer's options page: the
    // panel opens it, and so do the browser's own ways to an extension's options (its menu, the
    // extensions page).
    options_ui: { page: 'notebook.html', open_in_tab: true },
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
              // The first Firefox with the Navigation API, by which Confer follows Docs from one
              // document to another (WXT's `wxt:locationchange`); without it, WXT would check the
              // address once a second instead. Release Firefox and ESR 153 have it; ESR 140, the
              // ESR before, does not (https://developer.mozilla.org/docs/Web/API/Navigation#browser_compatibility).
              strict_min_version: '147.0',
              // Firefox's declaration that the extension collects and transmits no data.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});

/**
 * Marks the scripts that run as a document opens for eager compilation
 * (https://v8.dev/blog/explicit-compile-hints; Chrome 136+, other browsers read a comment). Nearly
 * every function in them runs at once, and lazily V8 parses each one twice: to find its end, and
 * again on its first call, on the main thread. Measured here, in five pairs of runs taken in
 * turn with and without it (medians of 10–15 page loads each; this machine is noisy):
 * - the content script's main-thread time on the demo document: lower in all five pairs, by
 *   2–16 ms (27–34 ms without, 18–32 ms with);
 * - the panel with 200 past conferences, interactive 5–33 ms sooner in all five pairs.
 * About 20 bytes gzipped each. The comment must be the file's first line.
 */
function compileEagerly(chunkNames: ReadonlySet<string>): Plugin {
  return {
    name: 'confer:compile-eagerly',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk' && chunkNames.has(output.name)) output.code = `${COMPILE_HINT}\n${output.code}`;
      }
    },
  };
}
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
/** The content script; the panel page's script and the notebook half it loads straight after. */
const EAGERLY_COMPILED = new Set(['content', 'panel', 'DocumentNotebook']);

/**
 * WXT's content-script context announces each start twice: a DOM event on `document`, which is
 * what WXT's scripts listen for (an older copy of Confer's content script, left in a tab by an
 * update or reload, stops when it hears the new one start), and a `window.postMessage` to the
 * page, kept only for scripts built by WXT before 0.20 (https://github.com/wxt-dev/wxt/pull/2035).
 * Confer has no such scripts, so the message only told Docs that an extension had started (its
 * type names Confer's extension id) and woke every `message` listener Docs has; it was also the
 * costliest single call as the content script starts: content.js's run took 5.4 ms of the Docs
 * tab's main thread with it and 4.3 ms without (thread CPU time, medians of 15 loads taken in
 * turn). Newer WXT has an option for
 * this, `noScriptStartedPostMessage` (https://github.com/wxt-dev/wxt/pull/2265), which needs a
 * newer Node than this project's. The build fails if WXT's code no longer matches, rather than
 * quietly keeping the message.
 */
function startQuietly(): Plugin {
  return {
    name: 'confer:start-quietly',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('/wxt/dist/utils/content-script-context.mjs')) return null;
      const quiet = code.replace(START_MESSAGE_TO_PAGE, '');
      if (quiet === code) this.error("WXT's content-script context no longer posts its start message as wxt.config.ts expects: see startQuietly.");
      return { code: quiet, map: null };
    },
  };
}
/** `window.postMessage({ type: ContentScriptContext.SCRIPT_STARTED_MESSAGE_TYPE, … }, "*");` in WXT 0.21. */
const START_MESSAGE_TO_PAGE = /window\.postMessage\(\{\s*type: ContentScriptContext\.SCRIPT_STARTED_MESSAGE_TYPE,[^}]*\},\s*"\*"\);/;

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
