/**
 * The same cell trained in Chromium and in Node (case name "browser"): what
 * "Re-run in your browser" (src/components/islands/rerun.worker.ts) costs a
 * reader against `npm run experiments`. For each case, a stored paper cell
 * of the experiment (the one whose stored compute time is closest to
 * TARGET_SECONDS) is run by the experiment's run.ts
 *   - in this Node process, and
 *   - in a module Web Worker of headless Chromium (playwright-core,
 *     CHROMIUM_PATH or /usr/bin/chromium), from an esbuild bundle of the same
 *     run.ts for the browser (the kernels are compiled into it, as in the site);
 * one warm-up run on each side, then REPEATS rounds of one Node run and one
 * Chromium run (never both at once; alternating, so that a change in the
 * machine's load falls on both sides), the best run of each side counted. Both results must be identical (canonical JSON);
 * steps/s = the result's step count over the seconds of the best run, and the
 * ratio Chromium / Node is reported (1 = the browser trains as fast).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { canonicalJson } from '../../src/pipeline/canonical.js';
import type { CellSpec, RunCell } from '../../src/pipeline/experiment.js';

const repo = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGET_SECONDS = 1.5;
const REPEATS = 3;

/** The experiments measured: a two-layer ReLU cell, a two-layer smooth (chen2023) cell, a three-layer cell. */
export const BROWSER_CASES = ['luo2021-fig4', 'chen2023-condensation', 'zhou2022-table2'];

export interface BrowserRow {
  name: string;
  experiment: string;
  cell: string;
  steps: number;
  nodeSeconds: number;
  chromiumSeconds: number;
  nodeStepsPerSecond: number;
  chromiumStepsPerSecond: number;
  /** Chromium steps/s over Node steps/s */
  ratio: number;
  identical: boolean;
  chromium: string;
}

/** The stored paper cell of `experiment` whose compute time is closest to TARGET_SECONDS. */
function pickCell(experiment: string): { cell: CellSpec; storedSeconds: number } {
  const dir = path.join(repo, 'results', experiment, 'cells');
  let best: { cell: CellSpec; storedSeconds: number } | undefined;
  for (const f of readdirSync(dir)) {
    const e = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    if (e.inputs?.profile !== 'paper' || e.inputs.parent || e.inputs.data?.length) continue;
    const s = e.provenance?.computeSeconds as number;
    if (!best || Math.abs(Math.log(s / TARGET_SECONDS)) < Math.abs(Math.log(best.storedSeconds / TARGET_SECONDS)))
      best = { cell: e.inputs.cell, storedSeconds: s };
  }
  if (!best) throw new Error(`bench browser: no stored paper cell of ${experiment} in ${dir}`);
  return best;
}

/** Steps of a result: its totalSteps (with restarts) or steps. */
function stepsOf(result: Record<string, unknown>, experiment: string): number {
  const s = result.totalSteps ?? result.steps;
  if (typeof s !== 'number' || !(s > 0)) throw new Error(`bench browser: the result of ${experiment} has no step count (totalSteps or steps)`);
  return s;
}

/** An ES module for a Web Worker: runs each posted cell with the experiment's run.ts, posts back its result and seconds. */
async function workerBundle(experiment: string): Promise<string> {
  const entry = `import { run } from './experiments/${experiment}/run.ts';
self.onmessage = async (e) => {
  try {
    const t0 = performance.now();
    const result = await run(e.data, { progress: () => {}, backend: 'none' });
    const seconds = (performance.now() - t0) / 1000;
    postMessage({ seconds, result: JSON.parse(JSON.stringify(result)), agent: navigator.userAgent });
  } catch (error) {
    postMessage({ error: String(error) });
  }
};`;
  const r = await build({
    stdin: { contents: entry, resolveDir: repo, sourcefile: 'chromium-worker.ts', loader: 'ts' },
    absWorkingDir: repo,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return r.outputFiles[0].text;
}

export interface ChromiumRun {
  seconds: number;
  result: Record<string, unknown>;
  /** the browser's version, e.g. Chrome/156.0.0.0 */
  chromium: string;
}

/**
 * Headless Chromium running cells in a module Web Worker per experiment
 * (kept for its next cells, ended when a cell of another experiment comes):
 * an esbuild bundle of the experiment's run.ts for the browser (the kernels
 * compiled into it, as in the site), served from 127.0.0.1. Also used by
 * scripts/rerun-check.ts.
 */
export async function chromiumRunner(
  experiments: string[],
): Promise<{ run: (experiment: string, cell: CellSpec) => Promise<ChromiumRun>; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const bundles = new Map<string, string>();
  for (const e of experiments) bundles.set(e, await workerBundle(e));
  const server = createServer((req, res) => {
    const code = bundles.get(decodeURIComponent((req.url ?? '/').slice(1)).replace(/\.js$/, ''));
    if (code) res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(code);
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>chromium runner</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const run = async (experiment: string, cell: CellSpec): Promise<ChromiumRun> => {
    if (!bundles.has(experiment)) throw new Error(`chromium runner: no bundle for ${experiment}`);
    const out = await page.evaluate(
      ({ url, experiment, cell }) =>
        new Promise<{ seconds: number; result: Record<string, unknown>; agent: string; error?: string }>((resolve, reject) => {
          const workers = ((globalThis as unknown as { workers?: Record<string, Worker> }).workers ??= {});
          // one worker alive at a time: each holds its kernels' WebAssembly memories, and a page can hold only so many
          for (const other of Object.keys(workers))
            if (other !== experiment) {
              workers[other].terminate();
              delete workers[other];
            }
          workers[experiment] ??= new Worker(url, { type: 'module' });
          const w = workers[experiment];
          w.onmessage = (e) => resolve(e.data);
          w.onerror = (e) => reject(new Error(e.message));
          w.postMessage(cell);
        }),
      { url: `${origin}/${experiment}.js`, experiment, cell },
    );
    if (out.error) throw new Error(`${experiment} ${cell.id} in Chromium: ${out.error}`);
    return { seconds: out.seconds, result: out.result, chromium: /Chrome\/[\d.]+/.exec(out.agent)?.[0] ?? out.agent };
  };
  const close = async () => {
    await browser.close();
    server.close();
  };
  return { run, close };
}

export async function measureBrowser(log: (line: string) => void, only: (name: string) => boolean): Promise<BrowserRow[]> {
  const cases = BROWSER_CASES.filter((e) => only(`browser ${e}`));
  const inChromium = await chromiumRunner(cases);
  const rows: BrowserRow[] = [];
  try {
    for (const experiment of cases) {
      const { cell, storedSeconds } = pickCell(experiment);
      log(`browser ${experiment}: cell ${cell.id} (${storedSeconds.toFixed(2)} s stored), a warm-up then ${REPEATS} rounds of Node and Chromium`);
      const { run } = (await import(pathToFileURL(path.join(repo, 'experiments', experiment, 'run.ts')).href)) as { run: RunCell };
      const inNode = async () => {
        const t0 = performance.now();
        const result = await run(cell, { progress: () => {}, backend: 'none' });
        return { seconds: (performance.now() - t0) / 1000, result: JSON.parse(JSON.stringify(result)) as Record<string, unknown> };
      };
      const nodeRuns = [await inNode()];
      const chromiumRuns = [await inChromium.run(experiment, cell)];
      for (let i = 0; i < REPEATS; i++) {
        nodeRuns.push(await inNode());
        chromiumRuns.push(await inChromium.run(experiment, cell));
      }
      const nodeResult = nodeRuns[0].result;
      const steps = stepsOf(nodeResult, experiment);
      const nodeSeconds = Math.min(...nodeRuns.slice(1).map((r) => r.seconds));
      const chromiumSeconds = Math.min(...chromiumRuns.slice(1).map((r) => r.seconds));
      rows.push({
        name: `browser ${experiment}`,
        experiment,
        cell: cell.id,
        steps,
        nodeSeconds,
        chromiumSeconds,
        nodeStepsPerSecond: steps / nodeSeconds,
        chromiumStepsPerSecond: steps / chromiumSeconds,
        ratio: nodeSeconds / chromiumSeconds,
        identical: [...nodeRuns, ...chromiumRuns].every((r) => canonicalJson(r.result) === canonicalJson(nodeResult)),
        chromium: chromiumRuns[0].chromium,
      });
    }
  } finally {
    await inChromium.close();
  }
  return rows;
}
