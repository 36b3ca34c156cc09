// The notebook benchmark (part of `npm run bench`; alone: `node scripts/bench-notebook/run.mjs`).
// Runs the real lib/notebook code on Chromium's real, on-disk IndexedDB (a persistent profile; an
// incognito-like context would keep IndexedDB in memory), in a page served from 127.0.0.1.
// Seeds 150 students × 8 documents × 25 conferences and prints medians with each target beside
// it, then a scale table from 1k to 100k conferences. Returns false if a target is missed.
import { readFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium } from '../chromium.mjs';

const DOCS = 8;
const PER_DOC = 25;
/** Students at each scale point: × 8 documents × 25 conferences = 1k, 10k, 30k, 100k conferences. */
const SCALE = [5, 50, 150, 500];
const MAIN = 150;
const RUNS = { history: 25, save: 25, students: 15, deletes: 10, export: 10, import: 10, importAgain: 5 };
/**
 * History-open and save (and their raw reads and puts) are measured in this many rounds of RUNS, a
 * second apart, and the median taken over all of them. Back-to-back saves are now and then slow
 * for a while (most likely LevelDB's background work after the seed); in one round that could be
 * most of its samples, and a scale point then read as slower than the larger one after it.
 */
const ROUNDS = 3;
const TARGET = { history: 5, save: 10, students: 100, export: 1500, import: 3000 };
/** Untimed runs of each phase for its peak memory (see peakMemory). */
const MEMORY_RUNS = { history: 5, save: 5, students: 3, export: 2, import: 2, importAgain: 1 };
/** "Flat": the 100k median is within this factor of the 1k one, or within FLAT_SLACK ms of it (timer noise). */
const FLAT_FACTOR = 2;
const FLAT_SLACK = 1;
const MB = 1024 * 1024;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ms`;
const list = (values, digits = 1) => values.map((value) => value.toFixed(digits)).join(', ');

/* ----------------------------------------------------------------------------------- memory */

/** Peak resident memory of Chromium's processes (Linux /proc; VmHWM, reset with clear_refs). */
const proc = {
  descendants(root) {
    const children = new Map();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      } catch {
        // exited meanwhile
      }
    }
    const out = [];
    const walk = (pid) => (children.get(pid) ?? []).forEach((child) => (out.push(child), walk(child)));
    walk(root);
    return out;
  },
  /** Chromium rewrites its children's process titles, so match on the whole line. */
  cmdline: (pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      return '';
    }
  },
  /** The browser process of the profile, and its renderer and IndexedDB-serving processes. */
  find(profile) {
    if (process.platform !== 'linux') return null;
    const browserPid = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .find((pid) => {
        const line = proc.cmdline(pid);
        return `${line} `.includes(`--user-data-dir=${profile} `) && !line.includes('--type=');
      });
    if (browserPid === undefined) return null;
    const all = proc.descendants(browserPid);
    const renderers = all.filter((pid) => proc.cmdline(pid).includes('--type=renderer'));
    // IndexedDB runs in the browser process itself, not in the storage-service utility process: a
    // 30,000-record put took 8 s of the browser process's CPU and none of that process's.
    return { browser: browserPid, renderers, indexedDb: browserPid };
  },
  peakKb(pid) {
    try {
      return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return 0;
    }
  },
  /** CPU time used so far, in clock ticks (utime + stime). */
  cpuTicks(pid) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  },
  reset(pid) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  },
};

const sleep = (delay) => new Promise((resolve) => setTimeout(resolve, delay));

/**
 * After a bulk seed, LevelDB compacts for a while in IndexedDB's process; a teacher's notebook grew
 * over months, so measure once it has settled: its CPU below 5% for a whole second (at most 60 s).
 */
async function settle(processes) {
  const start = Date.now();
  if (processes === null) return sleep(3000).then(() => 3000);
  const ticks = () => proc.cpuTicks(processes.indexedDb);
  let quiet = 0;
  while (Date.now() - start < 60_000 && quiet < 2) {
    const before = ticks();
    await sleep(500);
    quiet = ticks() - before <= 2.5 ? quiet + 1 : 0; // 100 ticks a second: ≤ 5% of one core
  }
  return Date.now() - start;
}

/** The page's JS heap, sampled over CDP every 25 ms (V8 answers between tasks and at interrupts). */
function heapSampler(cdp) {
  let peak = 0;
  let stopped = false;
  let timer;
  const tick = async () => {
    try {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      peak = Math.max(peak, usedSize);
    } catch {
      // page busy closing
    }
    if (!stopped) timer = setTimeout(tick, 25);
  };
  tick();
  return {
    take() {
      const value = peak;
      peak = 0;
      return value;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/* -------------------------------------------------------------------------------------- bench */

export async function runNotebookBench() {
  console.log('\nNotebook benchmark: bundling lib/notebook for Chromium…');
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    minify: true,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0].text;
  const server = createServer((request, response) => {
    if (request.url === '/bench.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(script);
    } else {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><meta charset="utf-8"><title>notebook bench</title><script type="module" src="/bench.js"></script>');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

  const profile = mkdtempSync(join(tmpdir(), 'confer-bench-notebook-'));
  const args = ['--headless=new', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const context = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), headless: false, args });
  let ok = true;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.__bench !== undefined);
    await page.evaluate(() => window.__bench.ready());
    const cdp = await context.newCDPSession(page);
    const processes = proc.find(profile);
    const call = (name, ...params) => page.evaluate(([name, params]) => window.__bench[name](...params), [name, params]);
    const inRounds = async (name, runs) => {
      const samples = [];
      for (let round = 0; round < ROUNDS; round++) {
        if (round > 0) await sleep(1000);
        samples.push(...(await call(name, runs)));
      }
      return samples;
    };

    const scale = [];
    let main = null;
    for (const students of SCALE) {
      const seeded = await call('grow', students);
      const settled = await settle(processes);
      console.log(
        `  seeded ${seeded.conferences.toLocaleString('en')} conferences (${seeded.students} students, ${seeded.documents} documents) in ${(seeded.ms / 1000).toFixed(1)} s; IndexedDB settled in ${(settled / 1000).toFixed(1)} s`,
      );
      await call('historyOpen', 3); // warm: the connection and the upgrade check, as in a panel that has been open a while
      if (students !== MAIN) {
        const row = {
          conferences: seeded.conferences,
          history: await inRounds('historyOpen', RUNS.history),
          rawRead: await inRounds('rawRead', RUNS.history),
          save: await inRounds('save', RUNS.save),
          rawPut: await inRounds('rawPut', RUNS.save),
        };
        if (median(row.history) > TARGET.history) row.historyParts = await call('historyParts', RUNS.history);
        scale.push(row);
        continue;
      }
      main = await measureMain(cdp, call, inRounds, processes, seeded);
      scale.push({ conferences: seeded.conferences, history: main.history, rawRead: await inRounds('rawRead', RUNS.history), save: main.save, rawPut: await inRounds('rawPut', RUNS.save), main: true });
    }
    await cdp.detach();
    ok = report(main, scale) && ok;
  } finally {
    await context.close().catch(() => {});
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return ok;
}

/**
 * Every figure at 150 × 8 × 25, with peak memory per phase, and breakdowns of missed ones. The
 * timings are taken first, with nothing else asking the page anything: the heap sampler's CDP call
 * every 25 ms interrupts the page's JavaScript and would add to the figures it runs beside. Peak
 * memory is then measured over fewer, untimed runs of the same phases.
 */
async function measureMain(cdp, call, inRounds, processes, seeded) {
  const history = await inRounds('historyOpen', RUNS.history);
  const save = await inRounds('save', RUNS.save);
  const students = await call('students', RUNS.students);
  const deletes = { older: await call('deleteAndUndo', RUNS.deletes, false), latest: await call('deleteAndUndo', RUNS.deletes, true) };
  const exported = await call('exportAll', RUNS.export);
  const imported = await call('importAll', RUNS.import, true);
  const importedAgain = imported[0].rejected === null ? await call('importAll', RUNS.importAgain, false) : null;
  const peaks = await peakMemory(cdp, call, processes, imported[0].rejected === null);
  const parts = {};
  if (median(history) > TARGET.history) parts.history = await call('historyParts', RUNS.history);
  if (median(students) > TARGET.students) parts.students = await call('listParts');
  if (median(exported.times) > TARGET.export) parts.export = await call('exportParts');
  if (imported[0].rejected !== null || median(imported.map((run) => run.total)) > TARGET.import) parts.import = await call('importParts');
  return { seeded, history, save, students, deletes, exported, imported, importedAgain, peaks, parts };
}

/** Peak memory of each phase (JS heap, renderer and IndexedDB process RSS), over MEMORY_RUNS untimed runs. */
async function peakMemory(cdp, call, processes, importWorks) {
  const peaks = {};
  const watched = processes === null ? [] : [...processes.renderers, processes.indexedDb];
  const rss = watched.length > 0 && watched.map(proc.reset).every(Boolean);
  const sampler = heapSampler(cdp);
  const phase = async (name, work) => {
    // From a collected heap: the timed runs before leave hundreds of MB of garbage behind.
    await cdp.send('HeapProfiler.collectGarbage');
    if (rss) watched.forEach(proc.reset);
    sampler.take();
    await work();
    peaks[name] = {
      heap: sampler.take(),
      renderer: rss ? Math.max(...processes.renderers.map(proc.peakKb)) * 1024 : null,
      indexedDb: rss ? proc.peakKb(processes.indexedDb) * 1024 : null,
    };
  };
  await phase('open history', () => call('historyOpen', MEMORY_RUNS.history));
  await phase('save', () => call('save', MEMORY_RUNS.save));
  await phase('list students', () => call('students', MEMORY_RUNS.students));
  await phase('export', () => call('exportAll', MEMORY_RUNS.export));
  if (importWorks) {
    await phase('import into an empty notebook', () => call('importAll', MEMORY_RUNS.import, true));
    await phase('import again (nothing changes)', () => call('importAll', MEMORY_RUNS.importAgain, false));
  }
  sampler.stop();
  return peaks;
}

const mb = (bytes) => (bytes === null ? 'n/a' : `${(bytes / MB).toFixed(0)} MB`);

function printParts(title, parts) {
  if (parts === undefined) return;
  console.log(`
${title}`);
  for (const [name, value] of Object.entries(parts)) console.log(`  ${ms(value).padStart(10)}  ${name}`);
}

function report(main, scale) {
  const { seeded, history, save, students, deletes, exported, imported, importedAgain, peaks, parts } = main;
  const rejected = imported[0].rejected;
  const importMedian = median(imported.map((run) => run.total));
  const missed = [];
  const row = (name, value, target, shown = ms(value)) => {
    const hit = value <= target;
    if (!hit) missed.push(name);
    console.log(`| ${name} | ${shown} | ≤ ${target >= 1000 ? `${target / 1000} s` : ms(target)} | ${hit ? 'ok' : 'MISSED'} |`);
  };
  console.log(`\n### Notebook: ${seeded.students} students × ${DOCS} documents × ${PER_DOC} conferences (${seeded.conferences.toLocaleString('en')} conferences), Chromium's IndexedDB on disk\n`);
  console.log('| measure | result | target | |');
  console.log('|---|---:|---:|---|');
  row(`open one document's history (getDocumentHistory; median of ${ROUNDS} × ${RUNS.history} documents)`, median(history), TARGET.history);
  row(`save a conference (saveConference; median of ${ROUNDS} × ${RUNS.save} documents)`, median(save), TARGET.save);
  row(`list all students with last-conference date (listStudents; median of ${RUNS.students})`, median(students), TARGET.students);
  console.log(`| (for scale: delete an older conference, then undo; deleteConference; median of ${deletes.older.length}) | ${ms(median(deletes.older))} | — | |`);
  console.log(`| (for scale: delete a student's latest conference, which reads every conference again; median of ${deletes.latest.length}) | ${ms(median(deletes.latest))} | — | |`);
  row(`export all (exportNotebook; median of ${RUNS.export})`, median(exported.times), TARGET.export);
  // A file Confer exports but its own import refuses (MAX_BACKUP_BYTES) is a missed target.
  const fits = exported.bytes <= exported.limit;
  if (!fits) missed.push('backup size');
  console.log(`| backup file size (validateBackup refuses files over MAX_BACKUP_BYTES) | ${(exported.bytes / MB).toFixed(1)} MB | ≤ ${(exported.limit / MB).toFixed(0)} MB | ${fits ? 'ok' : 'MISSED'} |`);
  // Every conference must reach the file, and come back from it (a fast export that drops some is no export).
  const complete = exported.written === exported.stored && imported.every((run) => run.rejected !== null || run.stored === run.inFile);
  if (!complete) missed.push('complete backup');
  console.log(
    `| (check: conferences in the notebook → in the file → in an emptied notebook after importing it) | ${exported.stored.toLocaleString('en')} → ${exported.written.toLocaleString('en')} → ${rejected === null ? imported.map((run) => run.stored.toLocaleString('en')).filter((count, index, all) => all.indexOf(count) === index).join(' / ') : 'refused'} | all equal | ${complete ? 'ok' : 'MISSED'} |`,
  );
  if (rejected !== null) {
    missed.push('import');
    console.log(`| import all into an empty notebook (validateBackup(file) + applyImport) | refused | ≤ ${TARGET.import / 1000} s | MISSED |`);
  } else {
    row(`import all into an empty notebook (validateBackup(file) + applyImport; median of ${imported.length})`, importMedian, TARGET.import);
    console.log(`| (the same file onto the full notebook: nothing changes; median of ${importedAgain.length}) | ${ms(median(importedAgain.map((run) => run.total)))} | — | |`);
  }
  const peak = (field) => {
    const values = Object.values(peaks).map((p) => p[field]);
    return values.includes(null) ? null : Math.max(...values);
  };
  console.log(`| peak memory: page JS heap (CDP Runtime.getHeapUsage, sampled every 25 ms) | ${mb(peak('heap'))} | — | |`);
  console.log(`| peak memory: renderer process RSS (/proc VmHWM) | ${mb(peak('renderer'))} | — | |`);
  console.log(`| peak memory: the browser process, where IndexedDB runs, RSS (/proc VmHWM) | ${mb(peak('indexedDb'))} | — | |`);

  console.log('\nPeak memory by phase, over untimed runs of it (JS heap / renderer RSS / browser-process RSS):');
  for (const [name, p] of Object.entries(peaks)) console.log(`  ${name}: ${mb(p.heap)} / ${mb(p.renderer)} / ${mb(p.indexedDb)}`);
  if (rejected !== null) console.log(`\nImport refused the file Confer had just exported: “${rejected}”`);
  else console.log(`\nImport, median split: validateBackup ${ms(median(imported.map((run) => run.validate)))}, applyImport ${ms(median(imported.map((run) => run.apply)))}`);
  printParts('Where opening a history spends its time (medians):', parts.history);
  printParts('Where listing students spends its time (one run each):', parts.students);
  printParts('Where export spends its time (one run each):', parts.export);
  printParts('Where import spends its time (the same calls as validateBackup + applyImport, without the size check; one run each):', parts.import);
  console.log(`\nruns (ms): history ${list(history, 2)}`);
  console.log(`           save ${list(save, 2)}`);
  console.log(`           list students ${list(students)}`);
  console.log(`           export ${list(exported.times, 0)}`);
  console.log(`           import ${rejected === null ? list(imported.map((run) => run.total), 0) : 'refused'}`);

  console.log('\n### Notebook scale: history-open and save as the notebook grows (every document has 25 conferences)\n');
  console.log(
    `| conferences | open history (median of ${ROUNDS} × ${RUNS.history}) | (for scale: its reads, raw, in their own transaction) | save (median of ${ROUNDS} × ${RUNS.save}) | (for scale: one raw put in its own transaction) | |`,
  );
  console.log('|---:|---:|---:|---:|---:|---|');
  const base = scale[0];
  for (const point of scale) {
    const h = median(point.history);
    const s = median(point.save);
    const problems = [];
    if (h > TARGET.history) problems.push('history MISSED');
    if (s > TARGET.save) problems.push('save MISSED');
    if (point !== base) {
      if (h > median(base.history) * FLAT_FACTOR && h - median(base.history) > FLAT_SLACK) problems.push('history not flat');
      if (s > median(base.save) * FLAT_FACTOR && s - median(base.save) > FLAT_SLACK) problems.push('save not flat');
    }
    missed.push(...problems);
    const vsBase = (value, baseValue) => (point === base ? '' : ` (×${(value / baseValue).toFixed(2)})`);
    const read = median(point.rawRead);
    const put = median(point.rawPut);
    console.log(
      `| ${point.conferences.toLocaleString('en')} | ${ms(h)}${vsBase(h, median(base.history))} | ${ms(read)}${vsBase(read, median(base.rawRead))} | ${ms(s)}${vsBase(s, median(base.save))} | ${ms(put)}${vsBase(put, median(base.rawPut))} | ${problems.length === 0 ? 'ok' : problems.join(', ')} |`,
    );
  }
  console.log(`\ntargets: history ≤ ${TARGET.history} ms and save ≤ ${TARGET.save} ms at every size; flat: within ×${FLAT_FACTOR} of the 1k figure (or ${FLAT_SLACK} ms of it).`);
  for (const point of scale) if (point.historyParts !== undefined && !point.main) printParts(`Where opening a history spends its time at ${point.conferences.toLocaleString('en')} conferences (medians):`, point.historyParts);
  return missed.length === 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!(await runNotebookBench())) process.exitCode = 1;
}
