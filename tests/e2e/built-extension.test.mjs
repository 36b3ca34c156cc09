// What actually ships: the built manifests and bundles (run after `npm run build`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { EXTENSION_DIR } from '../../scripts/chromium.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const readManifest = (dir) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const chrome = readManifest(EXTENSION_DIR);

/** Every JavaScript file of a build, relative path → source. */
function scripts(dir) {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true })
      .filter((file) => file.endsWith('.js'))
      .map((file) => [file, readFileSync(join(dir, file), 'utf8')]),
  );
}

test('the manifest asks for exactly the permissions a reviewer expects, and no host access', () => {
  assert.deepEqual(chrome.permissions, ['storage', 'unlimitedStorage']);
  assert.equal(chrome.host_permissions, undefined);
  assert.equal(chrome.optional_permissions, undefined);
  assert.equal(chrome.optional_host_permissions, undefined);
  assert.deepEqual(
    chrome.content_scripts.map(({ matches, world = 'ISOLATED', run_at }) => ({ matches, world, run_at })),
    [
      // Before Docs' page is parsed, so the panel loads alongside Docs (it is shown once Docs has made room).
      { matches: ['https://docs.google.com/document/*'], world: 'ISOLATED', run_at: 'document_start' },
      // The small page-world helper that presses Docs' comment shortcut (lib/docs/page-bridge.ts).
      { matches: ['https://docs.google.com/document/*'], world: 'MAIN', run_at: 'document_start' },
    ],
  );
  // The one manifest style sheet: the room for the panel in Docs' layout and the rule that shows the
  // dock, which the browser takes out of the page with Confer (lib/docs/layout.css, lib/content/dock-host.css).
  assert.deepEqual(chrome.content_scripts.map(({ css }) => css), [['content-scripts/content.css'], undefined]);
  const sheet = readFileSync(join(EXTENSION_DIR, 'content-scripts/content.css'), 'utf8');
  for (const rule of ['html[data-confer-room] #docs-editor', 'var(--confer-room)', 'confer-dock[hidden]']) {
    assert.ok(sheet.includes(rule), `content.css lacks ${rule}`);
  }
});

test('only the panel page, its files and the comment poster are web-accessible, only to Google Docs, at a per-session URL', () => {
  assert.deepEqual(chrome.web_accessible_resources, [
    { resources: ['panel.html', 'chunks/*', 'assets/*', 'comment-poster.js'], matches: ['https://docs.google.com/*'], use_dynamic_url: true },
  ]);
});

test('extension pages have a strict content security policy with no network access', () => {
  const policy = Object.fromEntries(
    chrome.content_security_policy.extension_pages.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
  assert.equal(policy['default-src'], "'none'");
  assert.equal(policy['script-src'], "'self'");
  assert.equal(policy['connect-src'], "'none'");
  assert.equal(policy['object-src'], "'none'");
  assert.equal(policy['frame-ancestors'], 'https://docs.google.com');
});

test('the keyboard shortcut and toolbar button are declared', () => {
  assert.equal(chrome.commands['toggle-panel'].suggested_key.default, 'Alt+Shift+C');
  // Greyed until a document's page reports in; its tooltip says where Confer works.
  assert.equal(chrome.action.default_state, 'disabled');
  assert.match(chrome.action.default_title, /^Confer opens beside a Google Docs document\./);
});

test('the notebook page (back up, restore, delete every note) is the options page, in a tab, and no web page may load it', () => {
  assert.deepEqual(chrome.options_ui, { page: 'notebook.html', open_in_tab: true });
  const html = readFileSync(join(EXTENSION_DIR, 'notebook.html'), 'utf8');
  assert.match(html, /<script src="\/notebook-page\.js" defer><\/script>/);
  assert.ok(readFileSync(join(EXTENSION_DIR, 'notebook-page.js'), 'utf8').length > 0);
  // Not web-accessible (see the test above): Docs or any other site can't frame its Delete button.
  const accessible = chrome.web_accessible_resources.flatMap(({ resources }) => resources);
  assert.ok(!accessible.some((pattern) => ['notebook.html', 'notebook-page.js', '*'].includes(pattern)));
});

test('nothing that can reach the notebook (idb-keyval, indexedDB) is bundled into a content script', () => {
  const contentScripts = chrome.content_scripts.flatMap((script) => script.js);
  assert.deepEqual(contentScripts, ['content-scripts/content.js', 'content-scripts/docs-page.js']);
  // (and the comment poster, which the content script loads on the first comment)
  for (const file of [...contentScripts, 'comment-poster.js']) {
    const source = readFileSync(join(EXTENSION_DIR, file), 'utf8');
    for (const forbidden of ['indexedDB', 'IDBKeyRange', 'idb-keyval', 'keyval-store', 'createStore', 'confer-documents']) {
      assert.equal(source.includes(forbidden), false, `${file} contains "${forbidden}"`);
    }
  }
  // The page-world script can't even talk to the extension: it has no chrome.runtime to call.
  const pageWorld = readFileSync(join(EXTENSION_DIR, 'content-scripts/docs-page.js'), 'utf8');
  for (const api of ['runtime.sendMessage', 'runtime.connect', 'storage.local']) assert.equal(pageWorld.includes(api), false, `docs-page.js uses ${api}`);
  // …and the check itself would notice: the panel, which keeps the notebook, does contain it.
  const panelChunks = Object.entries(scripts(join(EXTENSION_DIR, 'chunks')));
  assert.ok(panelChunks.some(([, code]) => code.includes('indexedDB')));
});

test('the scripts that run as a document opens are marked for eager compilation (wxt.config.ts), and only they', () => {
  const hinted = (file) => readFileSync(join(EXTENSION_DIR, file), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n');
  const chunks = readdirSync(join(EXTENSION_DIR, 'chunks')).filter((file) => file.endsWith('.js'));
  const panelChunks = chunks.filter((file) => /^(panel|DocumentNotebook)-/.test(file));
  assert.equal(panelChunks.length, 2, `panel chunks: ${chunks}`);
  for (const file of ['content-scripts/content.js', ...panelChunks.map((file) => `chunks/${file}`)]) assert.ok(hinted(file), `${file} has no compile hint`);
  // The rest run later or rarely: compiling all of them at once would only cost time.
  for (const file of ['background.js', 'comment-poster.js', 'content-scripts/docs-page.js']) assert.ok(!hinted(file), `${file} has a compile hint`);
});

/** A regular expression literal using Unicode properties (\p{…}) in minified code. */
const UNICODE_PROPERTY_LITERAL = /\/(?:[^/\\\n[]|\\.|\[(?:[^\]\\\n]|\\.)*\])*\\p\{(?:[^/\\\n[]|\\.|\[(?:[^\]\\\n]|\\.)*\])*\/[dgimsvy]*[uv]/;

test('the scripts that run in Docs as a document opens skip two slow starts: no \\p{…} regular expression literals, no message to the page', () => {
  // V8 checks a literal's pattern as it parses the script, slowly for \p{…} (lib/docs/page-bridge-protocol.ts);
  // WXT's start message to the page is left out (wxt.config.ts, startQuietly).
  for (const file of ['content-scripts/content.js', 'content-scripts/docs-page.js']) {
    const source = readFileSync(join(EXTENSION_DIR, file), 'utf8');
    assert.equal(source.match(UNICODE_PROPERTY_LITERAL)?.[0], undefined, `${file} has a \\p{…} literal`);
    assert.equal(source.includes('postMessage'), false, `${file} posts a message`);
  }
  // The check finds such a literal where there is one: in the panel, whose scripts load in the panel's own page.
  const panelChunks = Object.values(scripts(join(EXTENSION_DIR, 'chunks')));
  assert.ok(panelChunks.some((code) => UNICODE_PROPERTY_LITERAL.test(code)));
});

test('no built script can make a network request', () => {
  for (const [file, code] of Object.entries(scripts(EXTENSION_DIR))) {
    for (const api of ['fetch(', 'XMLHttpRequest', 'sendBeacon', 'WebSocket', 'EventSource', 'importScripts']) {
      assert.equal(code.includes(api), false, `${file} uses ${api}`);
    }
  }
});

test('the content scripts and the comment poster, which run inside Docs, write no HTML from strings', () => {
  // (Our own code is held to this by lint everywhere; Preact's renderer keeps an innerHTML branch
  // for `dangerouslySetInnerHTML`, which that lint rule forbids us to use.)
  for (const file of ['content-scripts/content.js', 'content-scripts/docs-page.js', 'comment-poster.js']) {
    const source = readFileSync(join(EXTENSION_DIR, file), 'utf8');
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'createContextualFragment', 'eval(', 'Function(']) {
      assert.equal(source.includes(sink), false, `${file} contains ${sink}`);
    }
  }
});

test('the Firefox build has the same permissions and limits, a Gecko id, no data collection, and a content script made for Firefox', () => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox'], { cwd: ROOT, stdio: 'pipe' });
  const firefox = readManifest(join(ROOT, '.output', 'firefox-mv3'));
  assert.equal(firefox.manifest_version, 3);
  assert.deepEqual(firefox.permissions, chrome.permissions);
  assert.deepEqual(firefox.content_scripts, chrome.content_scripts);
  // Firefox has no `default_state` (and would warn about it); its background greys the button.
  assert.deepEqual(firefox.action, { default_title: chrome.action.default_title });
  assert.deepEqual(firefox.content_security_policy, chrome.content_security_policy);
  assert.deepEqual(firefox.options_ui, chrome.options_ui);
  assert.deepEqual(firefox.web_accessible_resources, [
    { resources: ['panel.html', 'chunks/*', 'assets/*', 'comment-poster.js'], matches: ['https://docs.google.com/*'] },
  ]);
  assert.equal(firefox.browser_specific_settings.gecko.id, 'confer@confer.invalid');
  // No older Firefox, which has no Navigation API: there WXT would follow Docs' address by checking it every second.
  assert.equal(firefox.browser_specific_settings.gecko.strict_min_version, '147.0');
  assert.deepEqual(firefox.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });

  // Firefox refuses adopted style sheets from a content script, and its extension addresses hold a
  // per-installation id: its content script uses <style> elements and a closed shadow root.
  const firefoxContent = readFileSync(join(ROOT, '.output', 'firefox-mv3', 'content-scripts', 'content.js'), 'utf8');
  assert.equal(firefoxContent.includes('adoptedStyleSheets'), false, 'Firefox content script adopts style sheets');
  assert.match(firefoxContent, /attachShadow\(\{\s*mode:\s*"closed"\s*\}\)/);
  const chromeContent = readFileSync(join(EXTENSION_DIR, 'content-scripts', 'content.js'), 'utf8');
  assert.match(chromeContent, /attachShadow\(\{\s*mode:\s*"open"\s*\}\)/);
});
