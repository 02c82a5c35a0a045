/**
 * chen2024's deterministic transcendental functions in Chromium
 * (src/engine/chen2024/fdlibm.ts, normal.ts): the same bits as in Node over a
 * dense sweep of arguments, where the engines' own Math.tanh, Math.log, …
 * disagree in the last bit for a share of them (logged); and the cells of
 * chen2024-blowup (both networks, float64 TypeScript) and chen2024-condensation
 * (the WebAssembly kernel, with float64 data, initial loss and effective
 * model) at the quick profile, run by their run.ts in a Web Worker of
 * headless Chromium (scripts/bench/browser.ts chromiumRunner, the bundle
 * "Re-run in your browser" uses), give the result Node gives, bit for bit
 * (canonical JSON). Nothing is written into the working tree.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumRunner } from '../../scripts/bench/browser.js';
import * as F from '../../src/engine/chen2024/fdlibm.js';
import { exactNormalSource } from '../../src/engine/chen2024/normal.js';
import { canonicalJson } from '../../src/pipeline/canonical.js';
import type { CellSpec, ExperimentDefinition, RunCell } from '../../src/pipeline/experiment.js';
import { CHROMIUM } from '../helpers/site.js';

const repo = path.resolve(import.meta.dirname, '../..');

/** The sweep, the same code on both sides: arguments over scales 2^−60 … 2^10 and around fdlibm's thresholds, each function's values as hex bit patterns. */
const SWEEP = `
export function values(F, exactNormalSource, useMath) {
  let s = 99991;
  const rnd = () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s / 2 ** 32; };
  const xs = [0, -0, 5e-324, -5e-324, Infinity, -Infinity, NaN, 1e308, -1e308, 710, -710, 746, -746];
  for (let e = -60; e <= 10; e++) for (let i = 0; i < 600; i++) xs.push((rnd() < 0.5 ? -1 : 1) * 2 ** e * (1 + rnd()));
  for (const t of [2 ** -28, 0.5 * Math.LN2, 1, 1.5 * Math.LN2, 22, 56 * Math.LN2, 709.782712893384]) for (let i = -300; i <= 300; i++) { const x = t * (1 + i * 2 ** -40); xs.push(x, -x); }
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  const hex = (v) => { f64[0] = v; return u32[1].toString(16) + ':' + u32[0].toString(16); };
  const fns = useMath ? { tanh: Math.tanh, expm1: Math.expm1, exp: Math.exp, log: Math.log, sinh: Math.sinh, cosh: Math.cosh } : F;
  const out = {};
  for (const name of ['tanh', 'expm1', 'exp', 'log', 'sinh', 'cosh']) out[name] = xs.map((x) => hex(fns[name](name === 'log' ? Math.abs(x) : x)));
  if (!useMath) { const n = exactNormalSource(5); out.normal = Array.from({ length: 20000 }, () => hex(n())); }
  return out;
}`;

let browser: Browser;
let bundle = '';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const r = await build({
    stdin: {
      contents: `import * as F from './src/engine/chen2024/fdlibm.ts';\nimport { exactNormalSource } from './src/engine/chen2024/normal.ts';\n${SWEEP}\nglobalThis.sweep = (useMath) => values(F, exactNormalSource, useMath);`,
      resolveDir: repo,
      sourcefile: 'fdlibm-sweep.ts',
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  bundle = r.outputFiles[0].text;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('fdlibm in Chromium', () => {
  it('tanh, expm1, exp, log, sinh, cosh and the normal draws give the same bits in Chromium as in Node', async () => {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    const inChromium = (await page.evaluate('sweep(false)')) as Record<string, string[]>;
    const chromiumMath = (await page.evaluate('sweep(true)')) as Record<string, string[]>;
    const { values } = (await import(`data:text/javascript,${encodeURIComponent(SWEEP)}`)) as {
      values: (f: typeof F, n: typeof exactNormalSource, useMath: boolean) => Record<string, string[]>;
    };
    const inNode = values(F, exactNormalSource, false);
    const nodeMath = values(F, exactNormalSource, true);
    for (const name of Object.keys(inNode)) {
      const differ = inNode[name].filter((v, i) => v !== inChromium[name][i]).length;
      expect(differ, `${name}: ${differ} of ${inNode[name].length} values differ between Node and Chromium`).toBe(0);
      if (name !== 'normal') {
        const mathDiffer = nodeMath[name].filter((v, i) => v !== chromiumMath[name][i]).length;
        console.log(`${name}: fdlibm port identical in Node and Chromium over ${inNode[name].length} arguments; Math.${name} differs on ${mathDiffer}`);
      }
    }
    await page.close();
  });
});

describe('chen2024 cells in Chromium', () => {
  for (const experiment of ['chen2024-blowup', 'chen2024-condensation']) {
    it(`${experiment}: its quick cells (but those that start from a parent's state) give Node's result bit for bit`, async () => {
      const def = (await import(`../../experiments/${experiment}/experiment.ts`)).default as ExperimentDefinition;
      const { run } = (await import(`../../experiments/${experiment}/run.ts`)) as { run: RunCell };
      const cells = def.cells(def.config.parse(def.profiles.quick)).filter((c: CellSpec) => (c.params as { kind?: string }).kind !== 'retrain');
      expect(cells.length).toBeGreaterThan(0);
      const runner = await chromiumRunner([experiment]);
      try {
        for (const cell of cells) {
          const node = canonicalJson(JSON.parse(JSON.stringify(await run(cell, { progress: () => {}, backend: 'none' }))));
          const out = await runner.run(experiment, cell);
          expect(canonicalJson(out.result), `${experiment} ${cell.id} in ${out.chromium}`).toBe(node);
        }
        console.log(`${experiment}: ${cells.length} quick cells identical in Node and Chromium`);
      } finally {
        await runner.close();
      }
    }, 300_000);
  }
});
